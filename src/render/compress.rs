//! Stream compression for the PDF: every stream Flate-compressed with
//! compressors kept per thread, and a picture's deflated rows (or a large
//! stream's, such as a font subset) reused when the same bytes come again
//! (a batch prints one logo and a few font subsets many times).

use std::sync::Mutex;

use lopdf::Object;

use crate::error::{Error, Result};
use crate::recent::Recent;

/// The compressors of this thread, each made when first needed (making
/// one clears large tables: a card needs no picture compressor) and then
/// reused from stream to stream and document to document.
#[derive(Default)]
struct Compressors {
    /// Level 6 packs almost as tightly as the slowest level in a fraction
    /// of the time.
    text: Option<flate2::Compress>,
    /// Pictures are large and already as small as their pixels allow: a
    /// lighter level costs them little and halves their time.
    pictures: Option<flate2::Compress>,
}

/// The two kinds of stream, by the level they are packed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Picture,
}

impl Compressors {
    fn get(&mut self, kind: Kind) -> &mut flate2::Compress {
        let (slot, level) = match kind {
            Kind::Text => (&mut self.text, 6),
            Kind::Picture => (&mut self.pictures, 3),
        };
        slot.get_or_insert_with(|| flate2::Compress::new(flate2::Compression::new(level), true))
    }
}

thread_local! {
    static COMPRESSORS: std::cell::RefCell<Compressors> = std::cell::RefCell::default();
}

/// Flate-compresses every stream not yet compressed. (Pictures go in as
/// plain rows: PNG predictors made the anti-aliased logos we tried larger,
/// not smaller.)
pub(super) fn compress(lo: &mut lopdf::Document) -> Result<()> {
    COMPRESSORS.with_borrow_mut(|c| compress_with(lo, c))
}

fn compress_with(lo: &mut lopdf::Document, compressors: &mut Compressors) -> Result<()> {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let picture = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
        let kind = if picture { Kind::Picture } else { Kind::Text };
        let packed = if picture || stream.content.len() >= REUSED_FROM {
            packed_again(compressors, kind, &stream.content)?
        } else {
            pack(compressors.get(kind), &stream.content)?
        };
        if packed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// A stream already deflated in this process, by its kind, checksum and
/// bytes: a batch prints the same logo, and mostly the same font subsets,
/// on every handout.
type Unpacked = (Kind, u32, Vec<u8>);

/// The most streams kept deflated at once (the least recently used go
/// first, so a logo used by every handout stays).
const KEPT: usize = 16;

/// The smallest text stream worth keeping deflated (fonts are some
/// kilobytes; a short content stream is cheaper to pack than to keep).
const REUSED_FROM: usize = 4096;

/// Deflates `bytes`, or reuses the result for the same bytes of the same
/// kind: the same bytes in, the same bytes out.
fn packed_again(compressors: &mut Compressors, kind: Kind, bytes: &[u8]) -> Result<Vec<u8>> {
    static KNOWN: Mutex<Recent<Unpacked, Vec<u8>>> = Mutex::new(Recent::new(KEPT));
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    let crc = crc.sum();
    let known = || KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let same = |(k, c, b): &Unpacked| *k == kind && *c == crc && b == bytes;
    if let Some(packed) = known().find(same) {
        return Ok(packed);
    }
    let packed = pack(compressors.get(kind), bytes)?;
    known().keep((kind, crc, bytes.to_vec()), packed.clone());
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
