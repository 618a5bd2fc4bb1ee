//! Nothing breaks it: special files (devices, links to them, FIFOs, huge
//! sparse files, folders, sockets) given as every kind of input, link loops
//! in a content folder, pictures made to cost memory, hostile text, dates
//! far off and odd TOML. Each run must end within seconds with one clear
//! line (or a clean result), and pictures within 150 MB of memory. How
//! output behaves is in `output`.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::harness::*;

/// The most seconds a hostile run may take (debug build, shared machine).
const SECONDS: u64 = 30;
/// The most memory any run may use, in kilobytes.
const MAX_RSS_KB: i64 = 150 * 1024;

/// Makes a named pipe at `path`.
pub fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_str().expect("a UTF-8 path")).expect("no NUL");
    // SAFETY: a valid C string naming a path in a temporary folder.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// The odd things a path may name, made in `dir`, each with the words its
/// one-line refusal must contain.
fn special_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let link = dir.join("zero-link");
    symlink("/dev/zero", &link).unwrap();
    let fifo = dir.join("fifo");
    mkfifo(&fifo);
    let sparse = dir.join("sparse");
    std::fs::File::create(&sparse).unwrap().set_len(1 << 30).unwrap();
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    let socket = dir.join("socket");
    drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
    vec![
        (PathBuf::from("/dev/zero"), "is a device, not a regular file"),
        (link, "is a device, not a regular file"),
        (fifo, "is a named pipe (FIFO), not a regular file"),
        (sparse, "is 1.0 GB large; the most allowed is"),
        (folder, "is a folder, not a regular file"),
        (socket, "is a socket, not a regular file"),
    ]
}

/// Runs in `dir`, killing the run (and failing) if it takes more than
/// [`SECONDS`]; returns its output and peak memory in kilobytes.
///
/// The peak is the kernel's high-water mark of the run's memory
/// (`VmHWM`), read as it runs: the child's own rusage would count this
/// test process's memory too, which it shares until it starts the binary.
/// The mark only rises, so the last reading is the peak up to a few
/// milliseconds before the end (pictures are decoded well before that).
pub fn run_bounded(dir: &Path, args: &[&str]) -> (Output, i64) {
    use std::io::Read;
    let mut command = command(dir, args);
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("the binary starts");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let readers = (
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = out.read_to_end(&mut v);
            v
        }),
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = err.read_to_end(&mut v);
            v
        }),
    );
    let status_file = format!("/proc/{}/status", child.id());
    let start = Instant::now();
    let mut peak_kb = 0;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file).ok().as_deref().and_then(high_water_kb) {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait().expect("the run can be waited for") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(SECONDS) {
            let _ = child.kill();
            panic!("{args:?} ran longer than {SECONDS} s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = Output { status, stdout: readers.0.join().unwrap(), stderr: readers.1.join().unwrap() };
    (output, peak_kb)
}

/// `VmHWM` of a `/proc/PID/status`, in kilobytes.
fn high_water_kb(status: &str) -> Option<i64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The one line of a refused run that ends in time.
fn refused(dir: &Path, args: &[&str]) -> String {
    bad(&run_bounded(dir, args).0)
}

fn write_clinic(dir: &Path, extra: &str) -> String {
    let path = dir.join("clinic.toml");
    std::fs::write(&path, format!("name = \"Riverside Physiotherapy\"\n{extra}")).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn special_files_as_clinic_file_logo_or_notes_are_one_line_each() {
    let dir = tempdir();
    let d = dir.path();
    for (path, words) in special_files(d) {
        let p = path.to_str().unwrap();
        let line = refused(d, &["handout", "--clinic", p, "-o", "h.pdf"]);
        assert!(line.contains("clinic file") && line.contains(words), "{p}: {line}");
        let clinic = write_clinic(d, &format!("logo = \"{p}\"\n"));
        let line = refused(d, &["handout", "--clinic", &clinic, "-o", "h.pdf"]);
        assert!(line.contains("clinic logo") && line.contains(words), "{p}: {line}");
        let line = refused(d, &["handout", "--notes-file", p, "-o", "h.pdf"]);
        assert!(line.contains("notes file") && line.contains(words), "{p}: {line}");
        assert!(!d.join("h.pdf").exists());
    }
}

/// A stretch whose figure is the photo at `photo`.
fn photo_stretch(photo: &str) -> String {
    let text = std::fs::read_to_string(root().join("content/stretches/cat-cow.toml")).unwrap();
    let before_figure = &text[..text.find("[figure]").expect("a figure")];
    format!("{before_figure}[figure]\nphoto = \"{photo}\"\n")
}

#[test]
fn special_files_as_stretch_files_or_photos_are_reported_by_check_and_refused_by_sheets() {
    let dir = tempdir();
    let d = dir.path();
    let lib = d.join("lib/stretches");
    std::fs::create_dir_all(lib.join("photos")).unwrap();
    let specials = special_files(d);
    for (i, (path, _)) in specials.iter().enumerate() {
        symlink(path, lib.join(format!("odd-{i}.toml"))).unwrap();
        symlink(path, lib.join(format!("photos/odd-{i}.png"))).unwrap();
        std::fs::write(lib.join(format!("photo-{i}.toml")), photo_stretch(&format!("photos/odd-{i}.png")))
            .unwrap();
    }
    let photo_line = photo_stretch("").lines().count();
    let (out, _) = run_bounded(d, &["check", "lib"]);
    assert_eq!(out.status.code(), Some(2));
    let report = stderr(&out);
    for (i, (path, words)) in specials.iter().enumerate() {
        let photo = format!("photo-{i}.toml:{photo_line}:9: figure.photo: {words}");
        assert!(report.contains(&photo), "{}: {photo}\n{report}", path.display());
        // A folder named like a stretch file is a sub-folder, walked.
        if !path.ends_with("folder") {
            let odd = format!("odd-{i}.toml: {words}");
            assert!(report.contains(&odd), "{}: {odd}\n{report}", path.display());
        }
    }
    for line in report.lines() {
        assert!(line.len() < 300 && !line.contains("panicked"), "{line}");
    }
    // The sheets refuse each photo that check reports, in the same words.
    std::fs::remove_dir_all(d.join("lib")).unwrap();
    std::fs::create_dir_all(lib.join("photos")).unwrap();
    for (i, (path, words)) in specials.iter().enumerate() {
        symlink(path, lib.join(format!("photos/odd-{i}.png"))).unwrap();
        std::fs::write(lib.join(format!("photo-{i}.toml")), photo_stretch(&format!("photos/odd-{i}.png")))
            .unwrap();
        let id = format!("photo-{i}");
        let line = refused(d, &["card", "--library", "lib", "--stretch", &id, "-o", "c.pdf"]);
        assert!(line.contains(words), "{}: {line}", path.display());
        std::fs::remove_file(lib.join(format!("photo-{i}.toml"))).unwrap();
    }
}

#[test]
fn link_loops_end_and_deep_folders_are_reported() {
    let dir = tempdir();
    let d = dir.path();
    let stretches = d.join("loops/stretches");
    std::fs::create_dir_all(&stretches).unwrap();
    std::fs::copy(root().join("content/stretches/cat-cow.toml"), stretches.join("my-cat-cow.toml")).unwrap();
    symlink(".", stretches.join("a")).unwrap();
    symlink(".", stretches.join("b")).unwrap();
    symlink("..", stretches.join("up")).unwrap();
    let (out, _) = run_bounded(d, &["check", "loops"]);
    assert!(ok(&out).starts_with("loops: ok ("), "{}", stdout(&out));

    let deep = d.join("deep/stretches").join(["d"; 12].join("/"));
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::copy(root().join("content/stretches/cat-cow.toml"), deep.join("deep-cat-cow.toml")).unwrap();
    let (out, _) = run_bounded(d, &["check", "deep"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has folders more than 8 deep"), "{}", stderr(&out));
}

/// A PNG of `w` × `h` pixels (RGBA) in a pattern that packs small, made
/// by hand so that a large one is quick to make in a debug build.
fn big_png(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    for y in 0..h {
        let row: Vec<u8> = (0..w).flat_map(|x| [(x / 64) as u8, (y / 16) as u8, 90, 200]).collect();
        z.write_all(&[0]).unwrap();
        z.write_all(&row).unwrap();
    }
    let ihdr = [&w.to_be_bytes()[..], &h.to_be_bytes(), &[8, 6, 0, 0, 0]].concat();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", ihdr), (b"IDAT", z.finish().unwrap()), (b"IEND", Vec::new())] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [&kind[..], &data].concat();
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    }
    png
}

/// A 1×1 PNG with an extra chunk of `kind` holding `data`, before the pixels.
fn png_with_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let one = big_png(1, 1);
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    [&one[..33], &chunk, &one[33..]].concat()
}

/// `n` bytes of zeros, zlib-compressed (a few hundred kilobytes for 200 MB).
fn zeros_compressed(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let block = vec![0u8; 1 << 20];
    for _ in 0..n / block.len() {
        z.write_all(&block).unwrap();
    }
    z.finish().unwrap()
}

/// A PNG whose header claims `w` × `h` pixels, with none of them.
fn claiming(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = big_png(1, 1);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32fast::hash(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

fn gif_of_many_frames() -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut bytes);
        for i in 0..200u32 {
            let frame =
                image::RgbaImage::from_fn(64, 64, |x, y| image::Rgba([(x + i) as u8, y as u8, 0, 255]));
            encoder.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    bytes
}

#[test]
fn any_logo_is_decoded_within_150_mb_or_refused_in_one_line() {
    let dir = tempdir();
    let d = dir.path();
    type Make = fn() -> Vec<u8>;
    let cases: [(&str, Make, Option<&str>); 7] = [
        ("8000x2000.png", || big_png(8000, 2000), None),
        ("4000x4000.jpg", || jpeg(4000, 4000), None),
        (
            "profile-bomb.png",
            || png_with_chunk(b"iCCP", &[b"icc\0\0".as_slice(), &zeros_compressed(200 << 20)].concat()),
            None,
        ),
        (
            "text-bomb.png",
            || png_with_chunk(b"zTXt", &[b"big\0\0".as_slice(), &zeros_compressed(200 << 20)].concat()),
            None,
        ),
        (
            "claims-60000.png",
            || claiming(60000, 60000),
            Some("is 60000×60000 pixels; use a picture of at most 8000"),
        ),
        ("frames.gif", gif_of_many_frames, None),
        (
            "large-text.png",
            || png_with_chunk(b"tEXt", &[b"note\0".as_slice(), &vec![b'a'; 30 << 20]].concat()),
            Some("would need too much memory"),
        ),
    ];
    for (name, make, refusal) in cases {
        std::fs::write(d.join(name), make()).unwrap();
        let clinic = write_clinic(d, &format!("logo = \"{name}\"\n"));
        let (out, rss) = run_bounded(d, &["handout", "--clinic", &clinic, "-o", "h.pdf"]);
        match refusal {
            None => assert!(out.status.success(), "{name}: {}", stderr(&out)),
            Some(words) => assert!(bad(&out).contains(words), "{name}: {}", stderr(&out)),
        }
        eprintln!("{name}: peak {} MB", rss / 1024);
        assert!(rss <= MAX_RSS_KB, "{name}: {} MB", rss / 1024);
    }
}

#[test]
fn control_characters_become_spaces_or_are_refused_and_metadata_is_clean() {
    let dir = tempdir();
    let d = dir.path();
    let clinic = write_clinic(d, "").replace("clinic.toml", "tabbed.toml");
    std::fs::write(&clinic, "name = \"River\\tside\\nPhysio\"\n").unwrap();
    let args = [
        "handout",
        "--clinic",
        &clinic,
        "--patient",
        "Ann\tLee\nSmith\u{ad}son",
        "--title",
        "My\tplan\r\nfor\u{ad}today",
        "-o",
        "h.pdf",
    ];
    ok(&run_in(d, &args));
    let first = std::fs::read(d.join("h.pdf")).unwrap();
    if let Some(text) = pdf_pages_text(&d.join("h.pdf")) {
        let text = text.join(" ");
        assert!(text.contains("Ann Lee Smithson") && text.contains("My plan fortoday"), "{text}");
        assert!(text.contains("River side Physio"));
    }
    let pdf = lopdf::Document::load(d.join("h.pdf")).unwrap();
    let info = pdf.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
    let info = pdf.get_dictionary(info).unwrap();
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "no empty PDF/X version");
    let date = info.get(b"CreationDate").and_then(lopdf::Object::as_str).unwrap();
    assert_eq!(date, b"D:20261121000000Z", "the handout's date");
    for (key, value) in info.iter() {
        if let Ok(bytes) = value.as_str() {
            let text =
                lopdf::decode_text_string(value).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into());
            assert!(!text.is_empty() && !text.chars().any(char::is_control), "{key:?}: {text:?}");
        }
    }
    ok(&run_in(d, &args));
    assert_eq!(std::fs::read(d.join("h.pdf")).unwrap(), first, "byte for byte the same");

    let line = refused(d, &["handout", "--patient", "Ann\u{7}Lee", "-o", "h.pdf"]);
    assert_eq!(
        line,
        "stretchsheet: --patient: has a control character (U+0007) that cannot be printed; remove it"
    );
}

#[test]
fn text_too_long_for_its_field_or_box_is_refused_with_the_field_named() {
    let dir = tempdir();
    let d = dir.path();
    let footer = "Questions? Call us.".repeat(600);
    let clinic = write_clinic(d, &format!("footer = \"{footer}\"\n"));
    let line = refused(d, &["handout", "--clinic", &clinic, "-o", "h.pdf"]);
    assert!(
        line.ends_with("clinic.toml:2:10: footer: is 11400 characters long; the maximum is 300"),
        "{line}"
    );
    for field in ["name", "address", "phone", "email", "website"] {
        let clinic = write_clinic(d, &format!("{field} = \"{}\"\n", "x".repeat(201)));
        let clinic_text = std::fs::read_to_string(&clinic).unwrap().replacen(
            "name = \"Riverside Physiotherapy\"\n",
            "",
            usize::from(field == "name"),
        );
        std::fs::write(&clinic, clinic_text).unwrap();
        let line = refused(d, &["handout", "--clinic", &clinic, "-o", "h.pdf"]);
        assert!(line.contains(&format!("{field}: is 201 characters long; the maximum is 200")), "{line}");
    }
    for flag in ["--patient", "--clinician", "--title"] {
        let line = refused(d, &["handout", flag, &"x".repeat(201), "-o", "h.pdf"]);
        assert_eq!(line, format!("stretchsheet: {flag}: is 201 characters long; the maximum is 200"));
    }
    let title = "A title long enough to crowd out every stretch ".repeat(4);
    let line = refused(d, &["card", "--paper", "a5", "--large-print", "--title", &title, "-o", "c.pdf"]);
    assert!(line.contains("--title: there is no room for a single stretch on A5 large print"), "{line}");
    assert!(!d.join("c.pdf").exists());
}

#[test]
fn dates_outside_1900_to_2200_are_one_line() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["plan", "--start", "9999-12-27", "--weeks", "2", "--format", "ics"],
            "--start: 9999-12-27 is outside the years 1900–2200",
        ),
        (
            &["plan", "--start", "2200-12-27", "--weeks", "2", "--format", "ics"],
            "--start: the plan would end on 2201-01-09, after the year 2200",
        ),
        (&["plan", "--start", "1899-12-31"], "--start: 1899-12-31 is outside the years 1900–2200"),
        (&["handout", "--date", "2201-01-01"], "--date: 2201-01-01 is outside the years 1900–2200"),
        (&["handout", "--follow-up", "0001-01-01"], "--follow-up: 0001-01-01 is outside the years 1900–2200"),
    ];
    for (args, words) in cases {
        rejects(args, words);
    }
    let ics = ok_stdout(&["plan", "--start", "2200-12-18", "--weeks", "2", "--format", "ics"]);
    assert!(ics.contains("DTSTART;VALUE=DATE:22001231"));
}

#[test]
fn odd_toml_is_one_located_line_in_words() {
    let dir = tempdir();
    let d = dir.path();
    let stretches = d.join("lib/stretches");
    std::fs::create_dir_all(&stretches).unwrap();
    let cat_cow = std::fs::read_to_string(root().join("content/stretches/cat-cow.toml")).unwrap();
    let files = [
        ("deep", format!("name = {}{}\n", "[".repeat(5000), "]".repeat(5000))),
        (
            "huge-name",
            cat_cow.replacen("name = \"Cat-cow\"", &format!("name = \"{}\"", "x".repeat(900_000)), 1),
        ),
        ("no-name", cat_cow.replacen("name = \"Cat-cow\"\n", "", 1)),
        ("big-reps", cat_cow.replacen("reps = ", "reps = 4294967296 #", 1)),
    ];
    for (id, text) in &files {
        std::fs::write(stretches.join(format!("{id}.toml")), text).unwrap();
    }
    let (out, _) = run_bounded(d, &["check", "lib"]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{report}");
    assert!(report.contains("deep.toml:1:") && report.contains("is nested too deeply"), "{report}");
    assert!(report.contains("no-name.toml:1:1: name: name is missing"), "{report}");
    assert!(
        report.contains("big-reps.toml:") && report.contains("a whole number of repetitions, 1–30"),
        "{report}"
    );
    for line in report.lines() {
        assert!(line.chars().count() < 400, "{}", &line[..200]);
        for leak in ["u32", "i128", "f32", "recursion", "{ ", "Some(", "::"] {
            assert!(!line.contains(leak), "{leak}: {line}");
        }
    }
}
