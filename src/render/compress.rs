//! Stream compression for the PDF: every stream Flate-compressed with
//! compressors kept per thread, and a picture's deflated rows reused when
//! the same picture comes again (a batch prints one logo many times).

use lopdf::Object;

use crate::error::{Error, Result};

/// The compressors of this thread, made once and reused from stream to
/// stream and document to document (making one clears large tables).
struct Compressors {
    /// Level 6 packs almost as tightly as the slowest level in a fraction
    /// of the time.
    text: flate2::Compress,
    /// Pictures are large and already as small as their pixels allow: a
    /// lighter level costs them little and halves their time.
    pictures: flate2::Compress,
}

thread_local! {
    static COMPRESSORS: std::cell::RefCell<Compressors> = std::cell::RefCell::new(Compressors {
        text: flate2::Compress::new(flate2::Compression::new(6), true),
        pictures: flate2::Compress::new(flate2::Compression::new(3), true),
    });
}

/// Flate-compresses every stream not yet compressed. (Pictures go in as
/// plain rows: PNG predictors made the anti-aliased logos we tried larger,
/// not smaller.)
pub(super) fn compress(lo: &mut lopdf::Document) -> Result<()> {
    COMPRESSORS.with_borrow_mut(|c| compress_with(lo, c))
}

fn compress_with(lo: &mut lopdf::Document, compressors: &mut Compressors) -> Result<()> {
    let Compressors { text: deflate, pictures: deflate_pictures } = compressors;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let picture = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        let packed = if picture {
            packed_picture(deflate_pictures, &stream.content)?
        } else {
            pack(deflate, &stream.content)?
        };
        if packed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// A picture's rows already deflated in this process, with the rows they
/// came from: a batch prints the same logo on every handout.
struct Packed {
    crc: u32,
    rows: Vec<u8>,
    packed: Vec<u8>,
}

/// The most pictures kept deflated at once.
const KEPT_PICTURES: usize = 8;

/// Deflates a picture's rows, or reuses the result for the same rows.
fn packed_picture(deflate: &mut flate2::Compress, rows: &[u8]) -> Result<Vec<u8>> {
    static KNOWN: std::sync::Mutex<Vec<Packed>> = std::sync::Mutex::new(Vec::new());
    let mut crc = flate2::Crc::new();
    crc.update(rows);
    let crc = crc.sum();
    let same = |p: &Packed| p.crc == crc && p.rows == rows;
    if let Some(found) = KNOWN.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|p| same(p)) {
        return Ok(found.packed.clone());
    }
    let packed = pack(deflate, rows)?;
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if known.len() >= KEPT_PICTURES {
        known.remove(0);
    }
    known.push(Packed { crc, rows: rows.to_vec(), packed: packed.clone() });
    Ok(packed)
}

/// Deflates `data` (zlib format) with a reused compressor.
fn pack(deflate: &mut flate2::Compress, data: &[u8]) -> Result<Vec<u8>> {
    let failed =
        |e: flate2::CompressError| Error::Internal(format!("PDF stream could not be compressed: {e}"));
    deflate.reset();
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let consumed = deflate.total_in() as usize;
        let status = deflate
            .compress_vec(&data[consumed.min(data.len())..], &mut out, flate2::FlushCompress::Finish)
            .map_err(failed)?;
        match status {
            flate2::Status::StreamEnd => return Ok(out),
            _ => out.reserve(out.capacity().max(1024)),
        }
    }
}
