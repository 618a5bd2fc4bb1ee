//! Output like a Unix tool: `-o` to a device, a FIFO or `/dev/stdout`
//! writes straight to it; to a symlink it replaces the link's target and
//! keeps the link; a replaced file keeps its mode; any legal name works; a
//! full disk or a failed write gives one line and changes nothing; a
//! reader that goes away ends the program quietly.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::Stdio;

use crate::harness::*;
use crate::hostile::mkfifo;

#[test]
fn a_fifo_or_device_is_written_straight_to() {
    let dir = tempdir();
    let d = dir.path();
    let fifo = d.join("pipe.pdf");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = run_in(d, &["card", "-o", "pipe.pdf"]);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", stderr(&out));
    assert!(reader.join().unwrap().starts_with(b"%PDF-"));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");

    let out = run_in(d, &["card", "-o", "/dev/null"]);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", stderr(&out));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());

    let out = run_in(d, &["card", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"%PDF-"));
}

#[test]
fn a_link_is_kept_and_its_target_replaced_with_its_mode() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::create_dir(d.join("private")).unwrap();
    let real = d.join("private/card.pdf");
    std::fs::write(&real, b"old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    symlink("private/card.pdf", d.join("link.pdf")).unwrap();
    ok(&run_in(d, &["card", "-o", "link.pdf"]));
    assert!(std::fs::symlink_metadata(d.join("link.pdf")).unwrap().file_type().is_symlink());
    assert!(std::fs::read(&real).unwrap().starts_with(b"%PDF-"));
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    // Nothing left beside it.
    assert_eq!(std::fs::read_dir(d.join("private")).unwrap().count(), 1);

    // Its owner is kept too, where that is allowed (as root).
    if std::os::unix::fs::chown(&real, Some(12345), Some(12345)).is_ok() {
        ok(&run_in(d, &["card", "-o", "link.pdf"]));
        let meta = std::fs::metadata(&real).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (12345, 12345));
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn any_legal_name_works() {
    let dir = tempdir();
    let name = format!("{}.pdf", "n".repeat(251));
    ok(&run_in(dir.path(), &["card", "-o", &name]));
    assert!(std::fs::read(dir.path().join(&name)).unwrap().starts_with(b"%PDF-"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_full_device_is_one_line_and_exit_2() {
    let line = bad(&run(&["card", "-o", "/dev/full"]).0);
    assert_eq!(line, "stretchsheet: /dev/full: cannot write the output: the disk is full");
}

/// A tmpfs of `kb` kilobytes mounted on a folder while it lives (root
/// only; `None` where mounting is not allowed).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kb: u32) -> Option<SmallDisk> {
        let dir = tempdir();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .ok()?;
        out.status.success().then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(self.dir.path()).output();
    }
}

#[test]
fn a_full_disk_is_one_line_and_changes_nothing() {
    let Some(disk) = SmallDisk::mount(12) else {
        eprintln!("note: cannot mount a small tmpfs here; skipping the full-disk check");
        return;
    };
    let d = disk.path();
    std::fs::write(d.join("card.pdf"), b"the old card").unwrap();
    let line = bad(&run_in(d, &["card", "-o", "card.pdf"]));
    assert!(line.ends_with("card.pdf: cannot write the output: the disk is full"), "{line}");
    assert_eq!(std::fs::read(d.join("card.pdf")).unwrap(), b"the old card");
    assert_eq!(std::fs::read_dir(d).unwrap().count(), 1, "no temporary file left");
}

/// Runs with standard output a pipe whose reader has already gone.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let dir = tempdir();
    let mut child = command(dir.path(), args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    std::process::Output { status, stdout: Vec::new(), stderr: err.into_bytes() }
}

#[test]
fn a_reader_that_goes_away_ends_it_quietly() {
    for args in [&["plan", "--format", "json"][..], &["card", "-o", "-"], &["plan", "--format", "ics"]] {
        let out = into_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}
