//! A clinic's branding for its handouts: name, contact details, logo,
//! accent colour, default paper and footer, as `clinic.toml` gives them.
//! Every field but the name is optional. The accent colour is darkened when
//! needed so headings stay legible when printed in grayscale. Reading the
//! file and its logo is the input edge's job; this module checks the text.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use super::source::SourceFile;
use crate::doc::{Color, Fonts, Paper, Picture};
use crate::error::{Fault, Problem};
use crate::limits::{FOOTER_CHARS, LINE_CHARS};

/// The largest box a logo prints in: 50 × 22 mm.
pub const LOGO_BOX: (f32, f32) = (crate::doc::mm(50.0), crate::doc::mm(22.0));

/// What `clinic.toml` says.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicFile {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// The logo's path, relative to the clinic file.
    pub logo: Option<PathBuf>,
    pub accent: Option<String>,
    pub paper: Option<String>,
    pub footer: Option<String>,
    /// The number to call in an emergency where the clinic is ("999").
    pub emergency_number: Option<String>,
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
    /// Printed in the handout's emergency heading; without it the heading
    /// says "your local emergency number".
    pub emergency_number: Option<String>,
}

impl ClinicFile {
    /// Parses and checks a clinic file's text; the logo is placed by the
    /// caller.
    pub fn parse(source: &SourceFile) -> Result<(ClinicFile, Clinic), Vec<Problem>> {
        let file: ClinicFile = source.parse()?;
        let mut problems = Vec::new();
        let mut fail = |field: &str, fault: Fault| problems.push(source.problem(field, fault));
        if file.name.trim().is_empty() {
            fail("name", Fault::Empty { hint: "give the clinic's name" });
        }
        let accent = file.accent.as_deref().and_then(|text| match parse_color(text) {
            Ok(c) => Some(legible(c)),
            Err(fault) => {
                fail("accent", fault);
                None
            }
        });
        let paper = file.paper.as_deref().and_then(|text| match text.parse::<Paper>() {
            Ok(p) => Some(p),
            Err(()) => {
                fail(
                    "paper",
                    crate::error::Fault::UnknownWord {
                        noun: "paper",
                        word: text.to_string(),
                        allowed: Paper::ALL.iter().map(|p| p.as_str().to_string()).collect(),
                        suggestion: None,
                    },
                );
                None
            }
        });
        let mut text = |field: &str, value: Option<&String>, max: usize| {
            let (clean, fault) = printable(value?, max);
            if let Some(fault) = fault {
                fail(field, fault);
            }
            Some(clean)
        };
        let clinic = Clinic {
            name: text("name", Some(&file.name), LINE_CHARS).unwrap_or_default(),
            address: text("address", file.address.as_ref(), LINE_CHARS),
            phone: text("phone", file.phone.as_ref(), LINE_CHARS),
            email: text("email", file.email.as_ref(), LINE_CHARS),
            website: text("website", file.website.as_ref(), LINE_CHARS),
            logo: None,
            accent,
            paper,
            footer: text("footer", file.footer.as_ref(), FOOTER_CHARS),
            emergency_number: text("emergency_number", file.emergency_number.as_ref(), LINE_CHARS),
        };
        // One problem a field: a website already too long is not checked again.
        let website_ok = problems.iter().all(|p| p.field != "website");
        if let Some(fault) =
            clinic.website.as_deref().filter(|_| website_ok).and_then(|w| link_fault(&web_address(w.trim())))
        {
            problems.push(source.problem("website", fault));
        }
        problems.sort_by_key(|p| p.at);
        if problems.is_empty() { Ok((file, clinic)) } else { Err(problems) }
    }
}

impl Clinic {
    /// The contact lines in print order, each with the link it opens (a
    /// mail address, a website) if any.
    pub fn contacts(&self) -> Vec<(&str, Option<String>)> {
        let lines = [
            (self.address.as_deref(), None),
            (self.phone.as_deref(), None),
            (self.email.as_deref(), self.email.as_deref().map(|e| format!("mailto:{}", e.trim()))),
            (self.website.as_deref(), self.website.as_deref().map(|w| web_address(w.trim()))),
        ];
        lines
            .into_iter()
            .filter_map(|(text, uri)| Some((text?, uri)))
            .filter(|(t, _)| !t.trim().is_empty())
            .collect()
    }
}

/// One line of a clinic's text as it prints (tabs and line breaks made
/// spaces, soft hyphens dropped), and what is wrong with it, if anything:
/// too long, or a character that cannot be printed.
fn printable(value: &str, max: usize) -> (String, Option<Fault>) {
    let clean = crate::words::one_line(value);
    let chars = clean.chars().count();
    let fault = if chars > max {
        Some(Fault::TooLong { chars, max })
    } else if let Some(c) = crate::words::control_char(&clean) {
        Some(Fault::ControlCharacter { c })
    } else {
        Fonts::get().missing(&clean).map(|c| Fault::MissingGlyph { c })
    };
    (clean, fault)
}

/// What is wrong with a web address printed as a QR code, if anything: it
/// must start `https://` or `http://`, hold no spaces and fit a code of a
/// sensible size.
pub fn link_fault(address: &str) -> Option<Fault> {
    let full = address.starts_with("https://") || address.starts_with("http://");
    let host = address.split("://").nth(1).unwrap_or_default();
    if !full || host.is_empty() || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(Fault::NotAWebAddress { value: address.to_string() });
    }
    let chars = address.chars().count();
    (chars > crate::limits::URL_CHARS)
        .then_some(Fault::AddressTooLong { chars, max: crate::limits::URL_CHARS })
}

/// A web address as a reader types it: without `https://`, `www.` or a
/// closing slash ("riverside.example/videos/neck").
pub fn short_address(address: &str) -> &str {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.strip_suffix('/').unwrap_or(rest)
}

/// A website as a link: `https://` added when no scheme is given.
pub fn web_address(w: &str) -> String {
    if w.starts_with("http://") || w.starts_with("https://") { w.to_string() } else { format!("https://{w}") }
}

/// Reads `#RRGGBB` (or `#RGB`).
pub fn parse_color(text: &str) -> Result<Color, Fault> {
    let bad =
        || Fault::NotOneOf { value: text.to_string(), allowed: "a colour written #RRGGBB, such as #1d4e89" };
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

    fn parse(text: &str) -> Result<(ClinicFile, Clinic), Vec<String>> {
        let source = SourceFile { name: "clinic.toml".into(), text: text.into() };
        ClinicFile::parse(&source).map_err(|ps| ps.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_colours() {
        assert_eq!(parse_color("#1d4e89"), Ok(Color::rgb(0x1d, 0x4e, 0x89)));
        assert_eq!(parse_color("#fff"), Ok(Color::WHITE));
        assert!(parse_color("blue").unwrap_err().to_string().contains("#RRGGBB"));
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
    fn links_are_checked_and_shortened() {
        assert_eq!(short_address("https://www.riverside.example/"), "riverside.example");
        assert_eq!(short_address("http://x.example/videos/neck"), "x.example/videos/neck");
        assert!(link_fault("https://x.example/a").is_none());
        assert!(link_fault("x.example").is_some());
        assert!(link_fault("https://x.example/a b").is_some());
        let long = format!("https://x.example/{}", "a".repeat(200));
        assert!(link_fault(&long).unwrap().to_string().contains("a QR code takes at most 120"));
        let err = parse("name = \"X\"\nwebsite = \"riverside example\"\n").unwrap_err();
        assert!(
            err[0].starts_with("clinic.toml:2:11: website: \"https://riverside example\" is not"),
            "{err:?}"
        );
    }

    #[test]
    fn a_minimal_clinic_and_bad_fields() {
        let (_, clinic) = parse("name = \"Riverside Physio\"\n").unwrap();
        assert_eq!(clinic.name, "Riverside Physio");
        assert!(clinic.logo.is_none() && clinic.contacts().is_empty());
        let err = parse("name = \"X\"\nfax = \"123\"\n").unwrap_err();
        assert!(err[0].starts_with("clinic.toml:2:1: fax: unknown field \"fax\""), "{err:?}");
        let err = parse("name = \"X\"\naccent = \"teal\"\n").unwrap_err();
        assert!(
            err[0].starts_with("clinic.toml:2:10: accent: \"teal\" is not allowed; use a colour"),
            "{err:?}"
        );
    }

    #[test]
    fn text_fields_are_one_printable_line_of_limited_length() {
        let (_, clinic) = parse("name = \"River\\tside\\nPhysio\"\nfooter = \"Call\\u00ad us\"\n").unwrap();
        assert_eq!(clinic.name, "River side Physio");
        assert_eq!(clinic.footer.as_deref(), Some("Call us"));
        let long = "x".repeat(12_000);
        let err = parse(&format!("name = \"X\"\nfooter = \"{long}\"\nphone = \"1\\u0007\"\n")).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert_eq!(err[0], "clinic.toml:2:10: footer: is 12000 characters long; the maximum is 300");
        assert_eq!(
            err[1],
            "clinic.toml:3:9: phone: has a control character (U+0007) that cannot be printed; remove it"
        );
        let err = parse(&format!("name = \"{}\"\n", "n".repeat(201))).unwrap_err();
        assert_eq!(err[0], "clinic.toml:1:8: name: is 201 characters long; the maximum is 200");
    }
}
