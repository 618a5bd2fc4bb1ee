//! Pictures from the user's files (a clinic's logo, a stretch photo):
//! decoded with guarded limits, resized with a good filter to the size they
//! print at (about 300 dpi), flattened onto white paper, and handed to
//! layout as pixels the PDF embeds losslessly.

use std::path::Path;

use image::{DynamicImage, ImageReader, Limits, RgbImage, RgbaImage};

use crate::error::{Error, Result};
use crate::layout::page::Picture;

/// The largest picture accepted, in pixels on each side.
pub const MAX_SIDE: u32 = 8000;
/// Print resolution for pictures, in dots per inch.
pub const DPI: f32 = 300.0;

/// Reads the picture at `path` for printing inside a box of `max_w` ×
/// `max_h` points, keeping its aspect. `what` names the input in messages
/// (`--clinic logo`, say).
pub fn load(path: &Path, max_w: f32, max_h: f32, what: &str) -> Result<Picture> {
    let input = || format!("{what} {}", path.display());
    let bytes = std::fs::read(path).map_err(|e| Error::bad_input(input(), format!("cannot be read: {e}")))?;
    decode(&bytes, max_w, max_h).map_err(|message| Error::bad_input(input(), message))
}

/// Decodes and sizes picture bytes; the error says what is wrong.
pub fn decode(bytes: &[u8], max_w: f32, max_h: f32) -> std::result::Result<Picture, String> {
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    if reader.format().is_none() {
        return Err("is not a picture; use a PNG, JPEG, GIF, WebP or BMP file".into());
    }
    // The header alone tells the size; nothing is allocated yet.
    let (w, h) = reader.into_dimensions().map_err(|e| format!("is not a readable picture: {e}"))?;
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!("is {w}×{h} pixels; use a picture of at most {MAX_SIDE} pixels on each side"));
    }
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    reader.limits(limits());
    let image = reader.decode().map_err(|e| format!("is damaged or unsupported: {e}"))?;
    prepare(image, max_w, max_h)
}

/// Decoder limits: no side over [`MAX_SIDE`], no more than 256 MB.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    limits
}

/// Scales down (never up) to the pixels the box needs at [`DPI`] with a
/// Catmull-Rom filter, then flattens any transparency onto white.
fn prepare(image: DynamicImage, max_w: f32, max_h: f32) -> Result<Picture, String> {
    let rgba = image.into_rgba8();
    let (w, h) = (rgba.width().max(1) as f32, rgba.height().max(1) as f32);
    let scale = (max_w / w).min(max_h / h);
    let target_w = (w * scale * DPI / 72.0).round().max(1.0);
    let target_h = (h * scale * DPI / 72.0).round().max(1.0);
    let rgba =
        if target_w < w && target_h < h { resize(rgba, target_w as u32, target_h as u32)? } else { rgba };
    let rgb = flatten_on_white(rgba);
    Ok(Picture { width: rgb.width(), height: rgb.height(), pixels: rgb.into_raw(), alpha: false })
}

/// A Catmull-Rom (bicubic) resize: as sharp as Lanczos for logos and
/// lettering, with less ringing beside hard edges, which also packs smaller
/// in the PDF. Colours are weighted by alpha, so transparent pixels do not
/// bleed into their neighbours.
fn resize(rgba: RgbaImage, width: u32, height: u32) -> Result<RgbaImage, String> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
    let failed = |e: &dyn std::fmt::Display| format!("could not be resized: {e}");
    let (w, h) = rgba.dimensions();
    let src = Image::from_vec_u8(w, h, rgba.into_raw(), PixelType::U8x4).map_err(|e| failed(&e))?;
    let mut dst = Image::new(width, height, PixelType::U8x4);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new().resize(&src, &mut dst, &options).map_err(|e| failed(&e))?;
    RgbaImage::from_raw(width, height, dst.into_vec()).ok_or_else(|| failed(&"the sizes disagree"))
}

/// Every pixel over white paper: transparent parts print white.
fn flatten_on_white(rgba: RgbaImage) -> RgbImage {
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (src, dst) in rgba.pixels().zip(out.pixels_mut()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    out
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
    use image::{ImageFormat, Rgba};

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
    fn small_pictures_are_not_enlarged() {
        let picture = decode(&png(40, 20), 144.0, 72.0).unwrap();
        assert_eq!((picture.width, picture.height), (40, 20));
        assert_eq!(&picture.pixels[3..6], &[255, 255, 255], "transparent becomes white");
    }

    #[test]
    fn rejects_non_pictures_and_damaged_files() {
        assert!(decode(b"hello, not a picture", 100.0, 100.0).unwrap_err().contains("is not a picture"));
        let mut broken = png(50, 50);
        broken.truncate(broken.len() / 2);
        assert!(decode(&broken, 100.0, 100.0).unwrap_err().contains("damaged"));
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
        assert!(err.contains("20000×20000 pixels"), "{err}");
    }
}
