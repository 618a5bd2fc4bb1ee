//! A clinic's branding for its handouts: name, contact details, logo,
//! accent colour, default paper and footer, read from a `clinic.toml` file.
//! Every field but the name is optional. The accent colour is darkened when
//! needed so headings stay legible when printed in grayscale.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::content::SourceFile;
use crate::error::{Error, Problem, Result};
use crate::layout::page::{Color, Picture};
use crate::layout::{Paper, geom::mm};
use crate::picture;

/// The largest box a logo prints in: 50 × 22 mm.
pub const LOGO_BOX: (f32, f32) = (mm(50.0), mm(22.0));

/// What `clinic.toml` says.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClinicFile {
    name: String,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    logo: Option<PathBuf>,
    accent: Option<String>,
    paper: Option<String>,
    footer: Option<String>,
}

/// A clinic's branding, checked and ready to lay out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clinic {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// The logo, sized for [`LOGO_BOX`] at 300 dpi.
    pub logo: Option<Arc<Picture>>,
    /// Headings and rules; dark enough for grayscale printing.
    pub accent: Option<Color>,
    pub paper: Option<Paper>,
    pub footer: Option<String>,
}

impl Clinic {
    /// Reads and checks the clinic file at `path`; the logo path is relative
    /// to the file.
    pub fn load(path: &Path) -> Result<Clinic> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::File {
            path: path.to_path_buf(),
            action: "cannot read the clinic file",
            source,
        })?;
        let source = SourceFile { name: path.display().to_string(), text };
        let file: ClinicFile =
            toml::from_str(&source.text).map_err(|e| Error::Content(vec![source.parse_problem(&e)]))?;
        let fail = |field: &str, message: String| Error::Content(vec![source.problem(field, message)]);
        if file.name.trim().is_empty() {
            return Err(fail("name", "is empty; give the clinic's name".into()));
        }
        let accent = match &file.accent {
            Some(text) => Some(legible(parse_color(text).map_err(|m| fail("accent", m))?)),
            None => None,
        };
        let paper = match &file.paper {
            Some(text) => Some(text.parse::<Paper>().map_err(|m| fail("paper", m))?),
            None => None,
        };
        let logo = match &file.logo {
            Some(rel) => {
                let at = path.parent().unwrap_or(Path::new(".")).join(rel);
                let (w, h) = LOGO_BOX;
                Some(Arc::new(picture::load(&at, w, h, "clinic logo")?))
            }
            None => None,
        };
        let clinic = Clinic {
            name: file.name,
            address: file.address,
            phone: file.phone,
            email: file.email,
            website: file.website,
            logo,
            accent,
            paper,
            footer: file.footer,
        };
        clinic.check_characters(&source)?;
        Ok(clinic)
    }

    /// Every text field must be printable with the sheet font.
    fn check_characters(&self, source: &SourceFile) -> Result<()> {
        let fonts = crate::fonts::Fonts::get();
        let fields = [
            ("name", Some(&self.name)),
            ("address", self.address.as_ref()),
            ("phone", self.phone.as_ref()),
            ("email", self.email.as_ref()),
            ("website", self.website.as_ref()),
            ("footer", self.footer.as_ref()),
        ];
        let problems: Vec<Problem> = fields
            .iter()
            .filter_map(|(field, text)| {
                let c = fonts.missing(text.as_ref()?)?;
                Some(source.problem(field, crate::fonts::missing_message(c)))
            })
            .collect();
        if problems.is_empty() { Ok(()) } else { Err(Error::Content(problems)) }
    }

    /// The contact lines in print order, each with the link it opens (a
    /// mail address, a website) if any.
    pub fn contacts(&self) -> Vec<(&str, Option<String>)> {
        let web = |w: &str| {
            if w.starts_with("http://") || w.starts_with("https://") {
                w.to_string()
            } else {
                format!("https://{w}")
            }
        };
        let lines = [
            (self.address.as_deref(), None),
            (self.phone.as_deref(), None),
            (self.email.as_deref(), self.email.as_deref().map(|e| format!("mailto:{}", e.trim()))),
            (self.website.as_deref(), self.website.as_deref().map(|w| web(w.trim()))),
        ];
        lines
            .into_iter()
            .filter_map(|(text, uri)| Some((text?, uri)))
            .filter(|(t, _)| !t.trim().is_empty())
            .collect()
    }
}

/// Reads `#RRGGBB` (or `#RGB`).
pub fn parse_color(text: &str) -> std::result::Result<Color, String> {
    let bad = || format!("{text:?} is not a colour; write it as #RRGGBB, for example #1d4e89");
    let hex = text.trim().strip_prefix('#').ok_or_else(bad)?;
    let digits: Vec<u8> =
        hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>().ok_or_else(bad)?;
    match digits.as_slice() {
        [r, g, b] => Ok(Color::rgb(r * 17, g * 17, b * 17)),
        [r1, r0, g1, g0, b1, b0] => Ok(Color::rgb(r1 * 16 + r0, g1 * 16 + g0, b1 * 16 + b0)),
        _ => Err(bad()),
    }
}

/// The darkest lightness headings may have and still read on white in
/// grayscale.
const MAX_LUMA: u8 = 110;

/// The colour, darkened (hue kept) until it is dark enough for text.
pub fn legible(color: Color) -> Color {
    let mut c = color;
    while c.luma() > MAX_LUMA {
        let darker = |v: u8| (f32::from(v) * 0.9) as u8;
        c = Color::rgb(darker(c.r), darker(c.g), darker(c.b));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("clinic.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_colours() {
        assert_eq!(parse_color("#1d4e89"), Ok(Color::rgb(0x1d, 0x4e, 0x89)));
        assert_eq!(parse_color("#fff"), Ok(Color::WHITE));
        assert!(parse_color("blue").unwrap_err().contains("#RRGGBB"));
        assert!(parse_color("#12345").is_err());
    }

    #[test]
    fn light_accents_are_darkened_for_grayscale() {
        let yellow = legible(Color::rgb(255, 230, 0));
        assert!(yellow.luma() <= MAX_LUMA);
        assert!(yellow.r > yellow.b, "hue kept");
        let navy = Color::rgb(0x1d, 0x4e, 0x89);
        assert_eq!(legible(navy), navy);
    }

    #[test]
    fn mail_and_web_contacts_carry_links() {
        let clinic = Clinic {
            name: "X".into(),
            phone: Some("+1 555".into()),
            email: Some("desk@x.example".into()),
            website: Some("x.example".into()),
            ..Default::default()
        };
        let contacts = clinic.contacts();
        assert_eq!(contacts[0], ("+1 555", None));
        assert_eq!(contacts[1].1.as_deref(), Some("mailto:desk@x.example"));
        assert_eq!(contacts[2].1.as_deref(), Some("https://x.example"));
    }

    #[test]
    fn loads_a_minimal_clinic() {
        let dir = tempfile::tempdir().unwrap();
        let clinic = Clinic::load(&write(dir.path(), "name = \"Riverside Physio\"\n")).unwrap();
        assert_eq!(clinic.name, "Riverside Physio");
        assert!(clinic.logo.is_none() && clinic.contacts().is_empty());
    }

    #[test]
    fn bad_fields_name_file_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "name = \"X\"\nfax = \"123\"\n");
        let err = Clinic::load(&path).unwrap_err().to_string();
        assert!(err.contains("clinic.toml:2:1: fax: unknown field `fax`"), "{err}");

        let path = write(dir.path(), "name = \"X\"\naccent = \"teal\"\n");
        let err = Clinic::load(&path).unwrap_err().to_string();
        assert!(err.contains("clinic.toml:2:10: accent: \"teal\" is not a colour"), "{err}");

        let path = write(dir.path(), "name = \"X\"\nlogo = \"missing.png\"\n");
        let err = Clinic::load(&path).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().starts_with("clinic logo "), "{err}");
        assert!(err.to_string().contains("missing.png: cannot be read"), "{err}");
    }
}
