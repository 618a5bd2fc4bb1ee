//! Pictures for the page (a clinic's logo, a stretch photo): decoded within
//! guarded limits, resized with a good filter to the size they print at
//! (about 300 dpi), flattened onto white paper, and handed on as pixels the
//! PDF embeds losslessly. Reading the file is the input edge's job; this
//! module only sees a reader (or bytes).
//!
//! Memory stays bounded for any accepted picture: the header is read first
//! with a small allowance for the chunks before the pixels (colour profiles,
//! text), the size checked against [`MAX_SIDE`] and [`MAX_PIXELS`], then the
//! pixels are decoded within [`DECODE_BYTES`] and scaled down in the form
//! they were decoded in, without a second full-size copy.

use std::io::{BufRead, Cursor, Seek, SeekFrom};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

pub use super::items::Picture;

/// The largest picture accepted, in pixels on each side.
pub const MAX_SIDE: u32 = 8000;
/// The most pixels a picture may have (a 16-megapixel photo).
pub const MAX_PIXELS: u64 = 16_000_000;
/// The most pixels of a progressive JPEG, whose decoder keeps every
/// coefficient of the picture (two bytes a sample) besides its pixels.
pub const MAX_PROGRESSIVE_PIXELS: u64 = 12_000_000;
/// The most a decoder may allocate for what comes before the pixels (a
/// colour profile, text, Exif): real pictures need well under 1 MB.
pub const METADATA_BYTES: u64 = 8 * 1024 * 1024;
/// The most a decoder may allocate in all: the pixels of [`MAX_PIXELS`] at
/// four bytes each, and the metadata allowance.
pub const DECODE_BYTES: u64 = MAX_PIXELS * 4 + METADATA_BYTES;
/// Print resolution for pictures, in dots per inch.
pub const DPI: f32 = 300.0;

/// Why picture bytes cannot be used. Worded in `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// Not a format the sheets take.
    NotAPicture,
    /// A picture whose header cannot be read.
    Unreadable,
    /// More pixels on a side than [`MAX_SIDE`], or in all than `max_pixels`
    /// ([`MAX_PIXELS`], or less for a kind of picture that costs more to
    /// decode).
    TooLarge { width: u32, height: u32, max_pixels: u64 },
    /// The pixel data is cut short or damaged.
    Damaged,
    /// Decoding would need more memory than allowed.
    TooMuchMemory,
    /// A valid picture in a variant the decoder does not support.
    Unsupported,
}

/// Decodes and sizes picture bytes for printing inside a box of `max_w` ×
/// `max_h` points, keeping its aspect.
pub fn decode(bytes: &[u8], max_w: f32, max_h: f32) -> Result<Picture, PictureError> {
    decode_from(Cursor::new(bytes), max_w, max_h)
}

/// [`decode`], reading from `source` (an open file, say) so that the
/// file's bytes are never all held at once.
pub fn decode_from<R: BufRead + Seek>(
    mut source: R,
    max_w: f32,
    max_h: f32,
) -> Result<Picture, PictureError> {
    let start = source.stream_position().map_err(|_| PictureError::Unreadable)?;
    let (format, width, height) = header(&mut source)?;
    source.seek(SeekFrom::Start(start)).map_err(|_| PictureError::Unreadable)?;
    let max_pixels = if format == ImageFormat::Jpeg && progressive_jpeg(&mut source) {
        MAX_PROGRESSIVE_PIXELS
    } else {
        MAX_PIXELS
    };
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > max_pixels {
        return Err(PictureError::TooLarge { width, height, max_pixels });
    }
    source.seek(SeekFrom::Start(start)).map_err(|_| PictureError::Unreadable)?;
    let mut reader = ImageReader::with_format(&mut source, format);
    reader.limits(limits(DECODE_BYTES));
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => PictureError::TooMuchMemory,
        image::ImageError::Unsupported(_) => PictureError::Unsupported,
        _ => PictureError::Damaged,
    })?;
    prepare(image, max_w, max_h)
}

/// The format and size a picture's header gives, read with only the
/// metadata allowance: nothing is allocated for pixels yet.
fn header<R: BufRead + Seek>(source: &mut R) -> Result<(ImageFormat, u32, u32), PictureError> {
    let mut reader = ImageReader::new(source).with_guessed_format().map_err(|_| PictureError::Unreadable)?;
    let format = reader.format().ok_or(PictureError::NotAPicture)?;
    // No size limits here: an oversized picture is named with its size.
    let mut header_limits = limits(METADATA_BYTES);
    (header_limits.max_image_width, header_limits.max_image_height) = (None, None);
    reader.limits(header_limits);
    let (width, height) = reader.into_dimensions().map_err(|e| match e {
        image::ImageError::Limits(_) => PictureError::TooMuchMemory,
        image::ImageError::Unsupported(_) => PictureError::Unsupported,
        _ => PictureError::Unreadable,
    })?;
    Ok((format, width, height))
}

/// Whether the JPEG `source` starts at is progressive: its frame header
/// (the first SOF marker) says so. Reads only the markers' headers.
fn progressive_jpeg<R: BufRead + Seek>(source: &mut R) -> bool {
    let mut two = [0u8; 2];
    if source.read_exact(&mut two).is_err() || two != [0xFF, 0xD8] {
        return false;
    }
    for _ in 0..1000 {
        if source.read_exact(&mut two).is_err() || two[0] != 0xFF {
            return false;
        }
        match two[1] {
            0xFF => {
                // Fill bytes before a marker.
                let _ = source.seek(SeekFrom::Current(-1));
                continue;
            }
            0xC2 | 0xC6 | 0xCA | 0xCE => return true,
            0xC0 | 0xC1 | 0xC3 | 0xC5 | 0xC7 | 0xC9 | 0xCB | 0xCD | 0xCF | 0xDA => return false,
            _ => {}
        }
        let mut len = [0u8; 2];
        if source.read_exact(&mut len).is_err() {
            return false;
        }
        let skip = i64::from(u16::from_be_bytes(len)).saturating_sub(2);
        if source.seek(SeekFrom::Current(skip)).is_err() {
            return false;
        }
    }
    false
}

/// Decoder limits: no side over [`MAX_SIDE`], at most `bytes` allocated.
fn limits(bytes: u64) -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(bytes);
    limits
}

/// Pixels in one of the layouts the resizer takes, flattened onto white.
struct Flat {
    width: u32,
    height: u32,
    /// Samples per pixel: 1 (gray), 3 (RGB) or 4 (RGBA, alpha all opaque).
    channels: usize,
    samples: Vec<u8>,
}

/// Scales down (never up) to the pixels the box needs at [`DPI`] with a
/// Catmull-Rom filter, over white paper, as RGB.
fn prepare(image: DynamicImage, max_w: f32, max_h: f32) -> Result<Picture, PictureError> {
    let flat = flatten(image);
    let (w, h) = (flat.width.max(1) as f32, flat.height.max(1) as f32);
    let scale = (max_w / w).min(max_h / h);
    let target_w = (w * scale * DPI / 72.0).round().max(1.0);
    let target_h = (h * scale * DPI / 72.0).round().max(1.0);
    let flat =
        if target_w < w && target_h < h { resize(flat, target_w as u32, target_h as u32)? } else { flat };
    let (width, height) = (flat.width, flat.height);
    Ok(Picture { width, height, pixels: to_rgb(flat), alpha: false })
}

/// The decoded pixels as gray, RGB or opaque RGBA, transparent parts
/// painted white in place. Only pictures in other forms (16-bit, gray with
/// alpha) are converted, into a copy of at most four bytes a pixel.
fn flatten(image: DynamicImage) -> Flat {
    let (width, height) = (image.width(), image.height());
    let (channels, mut samples) = match image {
        DynamicImage::ImageLuma8(gray) => (1, gray.into_raw()),
        DynamicImage::ImageRgb8(rgb) => (3, rgb.into_raw()),
        other => (4, other.into_rgba8().into_raw()),
    };
    if channels == 4 {
        for pixel in samples.chunks_exact_mut(4) {
            // Opaque pixels keep their colour and clear ones turn white, as
            // the blend gives; most of a logo is one or the other.
            match pixel[3] {
                255 => {}
                0 => pixel[..3].fill(255),
                a => {
                    let a = u16::from(a);
                    for c in &mut pixel[..3] {
                        *c = ((u16::from(*c) * a + 255 * (255 - a)) / 255) as u8;
                    }
                }
            }
            pixel[3] = 255;
        }
    }
    Flat { width, height, channels, samples }
}

/// A Catmull-Rom (bicubic) resize: as sharp as Lanczos for logos and
/// lettering, with less ringing beside hard edges, which also packs smaller
/// in the PDF. The picture is already on white, so alpha plays no part
/// (resizing then flattening would give the same colours).
fn resize(flat: Flat, width: u32, height: u32) -> Result<Flat, PictureError> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
    let failed = |_| PictureError::TooMuchMemory;
    let kind = match flat.channels {
        1 => PixelType::U8,
        3 => PixelType::U8x3,
        _ => PixelType::U8x4,
    };
    let src = Image::from_vec_u8(flat.width, flat.height, flat.samples, kind).map_err(|_| failed(()))?;
    let mut dst = Image::new(width, height, kind);
    let options =
        ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom)).use_alpha(false);
    Resizer::new().resize(&src, &mut dst, &options).map_err(|_| failed(()))?;
    Ok(Flat { width, height, channels: flat.channels, samples: dst.into_vec() })
}

/// RGB samples of a (small, already resized) picture.
fn to_rgb(flat: Flat) -> Vec<u8> {
    match flat.channels {
        3 => flat.samples,
        n => {
            // Gray gives its one sample thrice; RGBA its first three.
            let (g, b) = if n == 1 { (0, 0) } else { (1, 2) };
            let mut rgb = Vec::with_capacity(flat.samples.len() / n * 3);
            for p in flat.samples.chunks_exact(n) {
                rgb.extend_from_slice(&[p[0], p[g], p[b]]);
            }
            rgb
        }
    }
}

/// The size a picture prints at inside a `max_w` × `max_h` box, aspect kept.
pub fn fitted_size(picture: &Picture, max_w: f32, max_h: f32) -> (f32, f32) {
    let (w, h) = (picture.width.max(1) as f32, picture.height.max(1) as f32);
    let scale = (max_w / w).min(max_h / h);
    (w * scale, h * scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgba, RgbaImage};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img =
            RgbaImage::from_fn(
                w,
                h,
                |x, _| {
                    if x % 2 == 0 { Rgba([200, 0, 0, 255]) } else { Rgba([0, 0, 0, 0]) }
                },
            );
        let mut bytes = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn resizes_to_print_size_at_300_dpi_and_flattens_alpha() {
        // A 2000×500 logo printed in a 144×72 pt box: 2 inches wide at 300 dpi.
        let picture = decode(&png(2000, 500), 144.0, 72.0).unwrap();
        assert_eq!((picture.width, picture.height), (600, 150));
        assert!(!picture.alpha);
        assert_eq!(picture.pixels.len(), 600 * 150 * 3);
    }

    #[test]
    fn flattening_blends_every_colour_and_alpha_onto_white() {
        // Every sample value at every alpha, the clear and opaque ones
        // (taken without the blend) included.
        let img = RgbaImage::from_fn(256, 256, |x, y| Rgba([x as u8, 255 - x as u8, (x / 2) as u8, y as u8]));
        let flat = flatten(DynamicImage::ImageRgba8(img.clone()));
        assert_eq!(flat.channels, 4);
        for (pixel, got) in img.pixels().zip(flat.samples.chunks_exact(4)) {
            let a = u16::from(pixel[3]);
            let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
            assert_eq!(got, [blend(pixel[0]), blend(pixel[1]), blend(pixel[2]), 255], "{pixel:?}");
        }
    }

    #[test]
    fn small_pictures_are_not_enlarged() {
        let picture = decode(&png(40, 20), 144.0, 72.0).unwrap();
        assert_eq!((picture.width, picture.height), (40, 20));
        assert_eq!(&picture.pixels[3..6], &[255, 255, 255], "transparent becomes white");
    }

    #[test]
    fn rejects_non_pictures_and_damaged_files() {
        assert_eq!(decode(b"hello, not a picture", 100.0, 100.0), Err(PictureError::NotAPicture));
        let mut broken = png(50, 50);
        broken.truncate(broken.len() / 2);
        assert_eq!(decode(&broken, 100.0, 100.0), Err(PictureError::Damaged));
    }

    #[test]
    fn rejects_huge_pictures_before_decoding() {
        // A PNG header claiming 20000×20000 pixels, without the pixels.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&20000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&20000u32.to_be_bytes());
        let crc = crc32fast::hash(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = decode(&bytes, 100.0, 100.0).unwrap_err();
        assert_eq!(err, PictureError::TooLarge { width: 20000, height: 20000, max_pixels: MAX_PIXELS });
    }
}
