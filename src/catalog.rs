//! Browsing the library: the `list` table and the `show` page, as text for
//! people or JSON for programs.

use serde::Serialize;

use crate::config::{ListFilter, ListFormat};
use crate::content::{Library, Origin, Position, Stretch};
use crate::error::Result;
use crate::plan::{Prescription, timing};

/// The stretches that pass `filter`, in id order.
pub fn filter<'a>(library: &'a Library, filter: &ListFilter) -> Result<Vec<&'a Stretch>> {
    for goal in &filter.goals {
        library.require_goal(goal)?;
    }
    Ok(library
        .stretches()
        .iter()
        .filter(|s| filter.goals.iter().all(|g| s.serves(g)))
        .filter(|s| filter.position.is_none_or(|p| s.can_be(p)))
        .filter(|s| filter.equipment.is_none_or(|e| s.equipment.iter().all(|need| *need == e)))
        .collect())
}

/// Seconds a stretch takes at its standard dose, setup included.
pub fn estimated_s(stretch: &Stretch) -> u32 {
    timing::stretch_s(stretch, &Prescription::standard(&stretch.dose, false))
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    /// The default position.
    position: &'a str,
    /// Every position it can be done in, the default first.
    positions: Vec<&'a str>,
    equipment: Vec<&'a str>,
    goals: &'a [String],
    seconds: u32,
}

/// What a stretch needs, by position when that differs: "chair" for a
/// seated stretch, "chair when seated; nothing when standing or lying" for chin
/// tucks.
fn needs_words(stretch: &Stretch) -> String {
    let words = |p: Position| {
        let needs = join(stretch.needs_in(p).iter().map(|e| e.as_str()));
        if needs.is_empty() { "nothing".to_string() } else { needs }
    };
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for &p in &stretch.positions {
        let needs = words(p);
        match groups.iter_mut().find(|(n, _)| *n == needs) {
            Some((_, positions)) => positions.push(p.as_str()),
            None => groups.push((needs, vec![p.as_str()])),
        }
    }
    match groups.as_slice() {
        [(needs, _)] => needs.clone(),
        _ => {
            let parts: Vec<String> = groups
                .iter()
                .map(|(needs, positions)| format!("{needs} when {}", crate::words::or_list(positions)))
                .collect();
            parts.join("; ")
        }
    }
}

/// The `list` output.
pub fn list(stretches: &[&Stretch], format: ListFormat) -> String {
    let rows: Vec<Row> = stretches
        .iter()
        .map(|s| Row {
            id: &s.id,
            name: &s.name,
            position: s.position().as_str(),
            positions: s.positions.iter().map(|p| p.as_str()).collect(),
            equipment: s.equipment.iter().map(|e| e.as_str()).collect(),
            goals: &s.goals,
            seconds: estimated_s(s),
        })
        .collect();
    match format {
        ListFormat::Json => json(&rows),
        ListFormat::Text => table(&rows),
    }
}

fn table(rows: &[Row]) -> String {
    let header = ["ID", "NAME", "POSITION", "EQUIPMENT", "GOALS", "SECONDS"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let equipment = if r.equipment.is_empty() { "-".to_string() } else { r.equipment.join(",") };
            [
                r.id.to_string(),
                r.name.to_string(),
                r.positions.join(","),
                equipment,
                r.goals.join(","),
                r.seconds.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| if i == 5 { format!("{c:>w$}") } else { format!("{c:<w$}") })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(&header.map(String::from));
    for row in &cells {
        out.push_str(&line(row));
    }
    out.push_str(&format!("{} stretches\n", rows.len()));
    out
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("plain data serialises") + "\n"
}

/// The `show` output: every field of one stretch.
pub fn show(stretch: &Stretch, library: &Library, format: ListFormat) -> String {
    if format == ListFormat::Json {
        return json(stretch);
    }
    let mut out = format!("{} ({})\n{}\n\n", stretch.name, stretch.id, stretch.summary);
    let mut field = |label: &str, value: String| out.push_str(&format!("{label:<11}{value}\n"));
    if !stretch.aliases.is_empty() {
        field("Also:", stretch.aliases.join(", "));
    }
    let goals: Vec<&str> =
        stretch.goals.iter().map(|g| library.goal(g).map_or(g.as_str(), |goal| goal.name.as_str())).collect();
    field("Goals:", goals.join(", "));
    field("Areas:", join(stretch.areas.iter().map(|a| a.as_str())));
    field("Position:", stretch.positions_words());
    field("Needs:", needs_words(stretch));
    field("Intensity:", stretch.intensity.to_string());
    field("Dose:", crate::plan::describe_dose(&stretch.dose));
    field("Time:", format!("about {} s at the standard dose", estimated_s(stretch)));
    if !stretch.avoid_if.is_empty() {
        field("Avoid if:", join(stretch.avoid_if.iter().map(|c| c.as_str())));
    }
    if let Origin::File(path) = &stretch.origin {
        field("From:", path.display().to_string());
    }
    section(&mut out, "Steps", &stretch.steps, true);
    section(&mut out, "Desk card", stretch.card_steps(), true);
    section(&mut out, "Cues", &stretch.cues, false);
    section(&mut out, "Cautions", &stretch.cautions, false);
    out
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(", ")
}

fn section(out: &mut String, title: &str, lines: &[String], numbered: bool) {
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("\n{title}:\n"));
    for (i, line) in lines.iter().enumerate() {
        if numbered {
            out.push_str(&format!("  {}. {line}\n", i + 1));
        } else {
            out.push_str(&format!("  - {line}\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Equipment, Position};

    #[test]
    fn filters_by_goal_position_and_equipment() {
        let library = crate::content::built_in().unwrap();
        let seated = ListFilter { position: Some(Position::Seated), ..Default::default() };
        let found = filter(&library, &seated).unwrap();
        assert!(!found.is_empty() && found.iter().all(|s| s.can_be(Position::Seated)));

        let wall = ListFilter { equipment: Some(Equipment::Wall), ..Default::default() };
        let found = filter(&library, &wall).unwrap();
        assert!(found.iter().all(|s| s.equipment.iter().all(|e| *e == Equipment::Wall)));

        let bad = ListFilter { goals: vec!["flying".into()], ..Default::default() };
        assert!(filter(&library, &bad).is_err());
    }

    #[test]
    fn text_table_has_a_row_per_stretch_and_json_parses() {
        let library = crate::content::built_in().unwrap();
        let all: Vec<&Stretch> = library.stretches().iter().collect();
        let text = list(&all, ListFormat::Text);
        assert_eq!(text.lines().count(), all.len() + 2);
        assert!(text.starts_with("ID"));
        let parsed: serde_json::Value = serde_json::from_str(&list(&all, ListFormat::Json)).unwrap();
        assert_eq!(parsed.as_array().unwrap().len(), all.len());
        assert!(parsed[0]["seconds"].as_u64().unwrap() > 0);
    }

    #[test]
    fn show_prints_every_step() {
        let library = crate::content::built_in().unwrap();
        let s = library.stretch("cat-cow").unwrap();
        let text = show(s, &library, ListFormat::Text);
        for step in &s.steps {
            assert!(text.contains(step.as_str()));
        }
        assert!(text.contains("Dose:"));
    }

    #[test]
    fn show_says_what_each_position_needs() {
        let library = crate::content::built_in().unwrap();
        let needs = |id: &str| {
            let text = show(library.stretch(id).unwrap(), &library, ListFormat::Text);
            text.lines()
                .find(|l| l.starts_with("Needs:"))
                .unwrap()
                .trim_start_matches("Needs:")
                .trim()
                .to_string()
        };
        assert_eq!(needs("chin-tucks"), "chair when seated; nothing when standing or lying");
        assert_eq!(needs("shoulder-rolls"), "nothing when standing; chair when seated");
        assert_eq!(needs("seated-trunk-rotation"), "chair");
        assert_eq!(needs("cat-cow"), "nothing");
    }
}
