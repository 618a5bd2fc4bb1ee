//! Pictures for the page (a clinic's logo, a stretch photo): decoded from
//! their bytes within guarded limits, resized with a good filter to the size
//! they print at (about 300 dpi), flattened onto white paper, and handed on
//! as pixels the PDF embeds losslessly. Reading the file is the input edge's
//! job; this module only sees bytes.

use image::{DynamicImage, ImageReader, Limits, RgbImage, RgbaImage};

pub use super::items::Picture;

/// The largest picture accepted, in pixels on each side.
pub const MAX_SIDE: u32 = 8000;
/// The most pixels a picture may have (about a 16-megapixel photo): with
/// the decoder's own buffer and one converted copy, decoding stays well
/// under 150 MB.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Print resolution for pictures, in dots per inch.
pub const DPI: f32 = 300.0;

/// Why picture bytes cannot be used. Worded in `error.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// Not a format the sheets take.
    NotAPicture,
    /// A picture whose header cannot be read.
    Unreadable,
    /// More pixels on a side than [`MAX_SIDE`], or in all than [`MAX_PIXELS`].
    TooLarge { width: u32, height: u32 },
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
    let reader = || {
        ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| PictureError::Unreadable)
    };
    let first = reader()?;
    if first.format().is_none() {
        return Err(PictureError::NotAPicture);
    }
    // The header alone tells the size; nothing is allocated yet.
    let (width, height) = first.into_dimensions().map_err(|_| PictureError::Unreadable)?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureError::TooLarge { width, height });
    }
    let mut second = reader()?;
    second.limits(limits());
    let image = second.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => PictureError::TooMuchMemory,
        image::ImageError::Unsupported(_) => PictureError::Unsupported,
        _ => PictureError::Damaged,
    })?;
    prepare(image, max_w, max_h)
}

/// Decoder limits: no side over [`MAX_SIDE`], no more than 100 MB for the
/// decoder's own buffers (colour profiles and other chunks included).
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(100 * 1024 * 1024);
    limits
}

/// Scales down (never up) to the pixels the box needs at [`DPI`] with a
/// Catmull-Rom filter, then flattens any transparency onto white.
fn prepare(image: DynamicImage, max_w: f32, max_h: f32) -> Result<Picture, PictureError> {
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
fn resize(rgba: RgbaImage, width: u32, height: u32) -> Result<RgbaImage, PictureError> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
    let failed = |_| PictureError::TooMuchMemory;
    let (w, h) = rgba.dimensions();
    let src = Image::from_vec_u8(w, h, rgba.into_raw(), PixelType::U8x4).map_err(|_| failed(()))?;
    let mut dst = Image::new(width, height, PixelType::U8x4);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new().resize(&src, &mut dst, &options).map_err(|_| failed(()))?;
    RgbaImage::from_raw(width, height, dst.into_vec()).ok_or_else(|| failed(()))
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
        assert_eq!(err, PictureError::TooLarge { width: 20000, height: 20000 });
    }
}
