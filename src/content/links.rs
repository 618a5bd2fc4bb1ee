//! Checks the `easier` and `harder` links between stretches: each names
//! another stretch of the library, never the stretch itself nor the same
//! one for both; an easier version is as gentle or gentler and a harder
//! one as demanding or more; and following one kind of link never comes
//! back round to where it began.

use super::library::Library;
use super::model::Stretch;
use super::validate::FieldProblem;
use crate::error::Fault;

/// Every problem with the links of `stretch` within `library`.
pub fn check(stretch: &Stretch, library: &Library) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if let (Some(easier), Some(harder)) = (&stretch.easier, &stretch.harder)
        && easier == harder
        && easier != &stretch.id
    {
        problems.push(FieldProblem::new("harder", Fault::LinkBoth { id: harder.clone() }));
    }
    for (link, target) in [("easier", &stretch.easier), ("harder", &stretch.harder)] {
        let Some(id) = target else { continue };
        if id == &stretch.id {
            problems.push(FieldProblem::new(link, Fault::LinkToSelf { link }));
            continue;
        }
        let Some(other) = library.stretch(id) else {
            problems.push(FieldProblem::new(link, library.unknown_stretch(id)));
            continue;
        };
        let wrong_way = if link == "easier" {
            other.intensity > stretch.intensity
        } else {
            other.intensity < stretch.intensity
        };
        if wrong_way {
            let fault = Fault::LinkIntensity {
                link,
                id: id.clone(),
                theirs: other.intensity.to_string(),
                ours: stretch.intensity.to_string(),
            };
            problems.push(FieldProblem::new(link, fault));
        }
        if let Some(ids) = circle(stretch, library, link) {
            problems.push(FieldProblem::new(link, Fault::LinkLoop { link, ids }));
        }
    }
    problems
}

/// The ids round the circle when following `link` from `stretch` comes back
/// to it.
fn circle(stretch: &Stretch, library: &Library, link: &str) -> Option<Vec<String>> {
    let next = |s: &Stretch| if link == "easier" { s.easier.clone() } else { s.harder.clone() };
    let mut ids = vec![stretch.id.clone()];
    let mut at = next(stretch)?;
    while ids.len() <= library.stretches().len() {
        ids.push(at.clone());
        if at == stretch.id {
            return Some(ids);
        }
        at = next(library.stretch(&at)?)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Intensity;

    fn library(links: &[(&str, Intensity, Option<&str>, Option<&str>)]) -> Library {
        let base = crate::content::built_in().unwrap();
        let template = base.stretch("cat-cow").unwrap().clone();
        let stretches = links
            .iter()
            .map(|(id, intensity, easier, harder)| Stretch {
                id: id.to_string(),
                intensity: *intensity,
                easier: easier.map(str::to_string),
                harder: harder.map(str::to_string),
                ..template.clone()
            })
            .collect();
        Library::new(stretches, base.goals().to_vec(), base.safety().clone())
    }

    fn messages(library: &Library, id: &str) -> Vec<String> {
        let stretch = library.stretch(id).unwrap();
        check(stretch, library).into_iter().map(|p| format!("{}: {}", p.field, p.fault)).collect()
    }

    #[test]
    fn consistent_links_pass() {
        use Intensity::*;
        let lib = library(&[
            ("a", Gentle, None, Some("b")),
            ("b", Moderate, Some("a"), Some("c")),
            ("c", Deep, Some("b"), None),
        ]);
        for id in ["a", "b", "c"] {
            assert!(messages(&lib, id).is_empty(), "{id}: {:?}", messages(&lib, id));
        }
    }

    #[test]
    fn self_unknown_and_both_links_are_refused() {
        use Intensity::*;
        let lib = library(&[("a", Gentle, Some("a"), Some("zz")), ("b", Gentle, Some("a"), Some("a"))]);
        let a = messages(&lib, "a");
        assert_eq!(a[0], "easier: names the stretch itself; name another stretch");
        assert!(a[1].starts_with("harder: unknown stretch \"zz\""), "{a:?}");
        assert_eq!(
            messages(&lib, "b")[0],
            "harder: \"a\" is both the easier and the harder version; name different stretches"
        );
    }

    #[test]
    fn an_easier_version_is_not_more_demanding() {
        use Intensity::*;
        let lib = library(&[("a", Gentle, Some("b"), None), ("b", Deep, None, Some("a"))]);
        assert_eq!(
            messages(&lib, "a"),
            [
                "easier: \"b\" is deep, more demanding than this gentle stretch; an easier version must be as gentle or gentler"
            ]
        );
        assert_eq!(
            messages(&lib, "b"),
            [
                "harder: \"a\" is gentle, less demanding than this deep stretch; a harder version must be as demanding or more"
            ]
        );
    }

    #[test]
    fn circles_are_refused() {
        use Intensity::*;
        let lib = library(&[
            ("a", Gentle, Some("b"), None),
            ("b", Gentle, Some("c"), None),
            ("c", Gentle, Some("a"), None),
        ]);
        assert_eq!(
            messages(&lib, "a"),
            [
                "easier: the easier versions go round in a circle (a → b → c → a); end the chain at a stretch with no easier version"
            ]
        );
    }
}
