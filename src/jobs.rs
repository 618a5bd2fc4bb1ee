//! Carrying out each command: gather its inputs at the edge (library,
//! clinic, notes, photos), run the stages in order (plan → layout →
//! render) and write the result. Each function here is the whole story of
//! one command; this is the one module that wires every stage. The clinic's
//! commands live beside it: [`handout`] (one handout, from flags or a saved
//! prescription), [`batch`] (a roster's handouts, in parallel) and [`init`]
//! (a starter clinic folder).

mod batch;
mod handout;
mod init;

use crate::config::{CardJob, Command, Config, ListFilter, ListFormat, Notes, PlanFormat, PlanJob};
use crate::content::{Checks, FieldProblem, Library, Position, Stretch};
use crate::doc::{Document, Fonts};
use crate::error::{Error, Fault, Field, FileKind, Input, Result};
use crate::input;
use crate::layout::SheetOptions;
use crate::layout::sheets::{self, Exercise};
use crate::output::{Output, Wrote};
use crate::plan::{self, Routine, timing};
use crate::{catalog, figure, limits, render};

/// Carries out `config`; messages for the user go to `stderr`.
pub fn run(config: Config, stderr: &mut dyn std::io::Write) -> Result<()> {
    let mut job = Job { config: &config, stderr };
    // The library is left for the process's exit to take back: one run is
    // one process, and freeing a large library stretch by stretch only
    // delays the exit (about 6% of a plan over 5,000 stretches).
    let library = || -> Result<&'static Library> {
        let library = input::library::load(config.library.as_deref(), Checks::QUICK)?;
        Ok(Box::leak(Box::new(library)))
    };
    match &config.command {
        Command::Check { folder } => job.check(folder),
        Command::Emit { bytes, output } => output.write(bytes).map(|_| ()),
        Command::List { filter, format } => list(library()?, filter, *format),
        Command::Show { id, format, svg, position } => {
            job.show(library()?, id, *format, svg.as_ref(), *position)
        }
        Command::Plan(plan) => job.plan(library()?, plan),
        Command::Card(card) => job.card(library()?, card),
        Command::Handout(handout) => handout::run(&mut job, library()?, handout),
        Command::Batch(batch) => batch::run(&mut job, library()?, batch),
        Command::Init { folder } => init::run(&mut job, folder),
        Command::Gallery { sheet, output } => job.gallery(library()?, sheet, output),
    }
}

/// One run: its settings and where its messages go.
struct Job<'a> {
    config: &'a Config,
    stderr: &'a mut dyn std::io::Write,
}

impl Job<'_> {
    /// Says what was written, on stderr, unless quiet or a stream.
    fn report(&mut self, output: &Output, wrote: Wrote, pages: Option<(usize, &SheetOptions)>) {
        if self.config.quiet || wrote == Wrote::Stream {
            return;
        }
        let _ = writeln!(
            self.stderr,
            "{}",
            crate::words::wrote(&output.describe(), pages_text(pages), wrote == Wrote::Replaced)
        );
    }

    /// Renders `doc` and writes it to `output`, with the closing message.
    fn write_pdf(&mut self, doc: &Document, sheet: &SheetOptions, output: &Output) -> Result<()> {
        let bytes = render::render(doc)?;
        let wrote = output.write(&bytes)?;
        self.report(output, wrote, Some((doc.pages.len(), sheet)));
        Ok(())
    }

    /// `check`: every problem of the folder, its figures' placement and
    /// its photos included; "ok" on stdout when there are none.
    fn check(&mut self, folder: &std::path::Path) -> Result<()> {
        let extra = |stretch: &Stretch| -> Vec<FieldProblem> {
            let mut found = stretch.figure.as_ref().map(figure::placement).unwrap_or_default();
            found.extend(input::photos::problems(stretch));
            found
        };
        let checks = Checks { built_in: true, extra: Some(&extra) };
        let library = input::library::load(Some(folder), checks)?;
        self.dose_warnings(&library);
        let (stretches, goals) = (library.stretches().len(), library.goals().len());
        let line = format!("{}: ok ({stretches} stretches, {goals} goals)\n", folder.display());
        Output::Stdout.write(line.as_bytes()).map(|_| ())
    }

    /// The dose warnings of the folder's own stretches, one line each on
    /// stderr (a warning does not fail the check).
    fn dose_warnings(&mut self, library: &Library) {
        for stretch in library.stretches() {
            let crate::content::Origin::File(file) = &stretch.origin else { continue };
            for problem in crate::content::dose_check::dose_warnings(stretch) {
                let _ = writeln!(self.stderr, "{}: {}: {}", file.display(), problem.field, problem.fault);
            }
        }
    }

    /// `show`: one stretch, and its figure as SVG if asked (to stdout alone
    /// when the SVG goes there), drawn as done in `position` if given.
    fn show(
        &mut self,
        library: &Library,
        id: &str,
        format: ListFormat,
        svg: Option<&Output>,
        position: Option<Position>,
    ) -> Result<()> {
        let unknown = || Error::invalid(Input::Flag("show"), library.unknown_stretch(id));
        let stretch = library.stretch(id).ok_or_else(unknown)?;
        if let Some(svg) = svg {
            let drawn = match position {
                Some(p) => {
                    stretch.done_in(p).map_err(|fault| Error::invalid(Input::Flag("--position"), fault))?
                }
                None => std::borrow::Cow::Borrowed(stretch),
            };
            let wrote = svg.write(preview_svg(&drawn)?.as_bytes())?;
            self.report(svg, wrote, None);
            if *svg == Output::Stdout {
                return Ok(());
            }
        }
        Output::Stdout.write(catalog::show(stretch, library, format).as_bytes()).map(|_| ())
    }

    /// `plan`: text, JSON, iCalendar or the PDF sheet.
    fn plan(&mut self, library: &Library, job: &PlanJob) -> Result<()> {
        let sheet = &titled(&job.sheet)?;
        job.output.check_writable()?;
        let plan = plan::build(library, &job.request, &job.calendar)?;
        let bytes = match job.format {
            PlanFormat::Text => plan.to_text_with_safety(job.explain, library.safety()).into_bytes(),
            PlanFormat::Json => plan.to_json(job.explain).into_bytes(),
            PlanFormat::Ics => plan.to_ics().into_bytes(),
            PlanFormat::Pdf => {
                let photos = input::photos::load(library, plan.stretch_ids())?;
                let doc = sheets::plan(&plan, library, &photos, sheet);
                return self.write_pdf(&doc, sheet, &job.output);
            }
        };
        let wrote = job.output.write(&bytes)?;
        self.report(&job.output, wrote, None);
        Ok(())
    }

    /// `gallery`: every stretch with its figure.
    fn gallery(&mut self, library: &Library, sheet: &SheetOptions, output: &Output) -> Result<()> {
        let sheet = &titled(sheet)?;
        output.check_writable()?;
        let photos = input::photos::load(library, library.stretches().iter().map(|s| s.id.as_str()))?;
        self.write_pdf(&sheets::gallery(library, &photos, sheet), sheet, output)
    }

    /// `card`: the named stretches at their standard dose, or the planner's
    /// pick for a short desk break. Says which it left out when the page
    /// cannot hold them all; refuses a card with room for none.
    fn card(&mut self, library: &Library, job: &CardJob) -> Result<()> {
        let sheet = &titled(&job.sheet)?;
        job.output.check_writable()?;
        // The planner's pick, each stretch as done in the position chosen.
        let shown: Vec<Stretch>;
        let exercises = if job.stretches.is_empty() {
            let routine = plan::select(library, &job.request)?;
            shown = as_done(library, &routine)?;
            from_routine(&shown, &routine)
        } else {
            let standard =
                |stretch: &Stretch| Ok(plan::Prescription::standard(&stretch.dose, job.request.older));
            named(library, job.stretches.iter().map(String::as_str), |s, _| standard(s))?
        };
        let photos = input::photos::load(library, exercises.iter().map(|e| e.stretch.id.as_str()))?;
        let card = sheets::card(&exercises, library.safety(), &photos, sheet);
        if card.shown == 0 {
            return Err(Error::field(Field::Title, Fault::NoRoom { paper: paper_words(sheet) }));
        }
        if card.shown < exercises.len() && !self.config.quiet {
            let left_out: Vec<&str> = exercises
                .iter()
                .filter(|e| !card.shown_ids.contains(&e.stretch.id))
                .map(|e| e.stretch.id.as_str())
                .collect();
            let mut hints = Vec::new();
            if sheet.large_print {
                hints.push("leave out --large-print");
            }
            if sheet.landscape {
                hints.push("leave out --landscape");
            }
            if sheet.paper == crate::doc::Paper::A5 {
                hints.push("use A4 or Letter paper");
            }
            let hint = if hints.is_empty() {
                String::new()
            } else {
                format!("; {} to fit more", crate::words::or_list(&hints))
            };
            // The planner's own pick for the default card may simply lose a
            // stretch to the page (its minutes are on the card); say so when
            // the user named them or can do better.
            if !job.stretches.is_empty() || !hints.is_empty() {
                let _ = writeln!(
                    self.stderr,
                    "stretchsheet: the card has room for {} of the {} stretches at full figure size (left out: {}){hint}",
                    card.shown,
                    exercises.len(),
                    left_out.join(", ")
                );
            }
        }
        self.write_pdf(&card.document, sheet, &job.output)
    }
}

/// `list`: the stretches passing the filter.
fn list(library: &Library, filter: &ListFilter, format: ListFormat) -> Result<()> {
    let found = catalog::filter(library, filter)?;
    Output::Stdout.write(catalog::list(&found, format).as_bytes()).map(|_| ())
}

/// "1 page, A4" or "3 pages, Letter landscape, large print".
fn pages_text(pages: Option<(usize, &SheetOptions)>) -> Option<String> {
    let (n, sheet) = pages?;
    Some(format!("{}, {}", crate::words::count(n, "page"), paper_words(sheet)))
}

/// "A4", "Letter landscape", "A5 large print".
fn paper_words(sheet: &SheetOptions) -> String {
    let mut words = sheet.paper.title().to_string();
    if sheet.landscape {
        words.push_str(" landscape");
    }
    if sheet.large_print {
        words.push_str(" large print");
    }
    words
}

/// The stretch's figure as an SVG for `show ID --svg FILE`, drawn at the
/// size it prints on a desk card: the body scale at which this figure
/// measures the card's least figure size (its height, or its width for a
/// pose much wider than tall), in an SVG sized in millimetres.
fn preview_svg(stretch: &Stretch) -> Result<String> {
    let figure = stretch.figure.as_ref().filter(|f| f.photo().is_none() && f.pose.is_some());
    let Some(figure) = figure else {
        return Err(Error::invalid(crate::error::Input::Stretch(stretch.id.clone()), Fault::NoDrawnFigure));
    };
    let natural = figure::natural_size(figure);
    let measure = if natural.w > 1.5 * natural.h { natural.w } else { natural.h };
    let scale = sheets::CARD_FIGURE_MIN / measure.max(1e-3);
    let room = figure::room_at(figure, scale);
    let frame = crate::doc::Rect::new(0.0, 0.0, room.w.ceil(), room.h.ceil());
    Ok(render::svg::document(&figure::draw_scaled(figure, frame, scale), frame.w, frame.h))
}

/// The stretches of a planned session, each as done in the position the
/// planner chose (its figure drawn so).
fn as_done(library: &Library, routine: &Routine) -> Result<Vec<Stretch>> {
    routine
        .items
        .iter()
        .map(|item| Ok(library.require(&item.id)?.as_done(item.position).into_owned()))
        .collect()
}

/// The exercises of a planned session (its stretches, from [`as_done`]),
/// at the planner's doses.
fn from_routine<'a>(stretches: &'a [Stretch], routine: &Routine) -> Vec<Exercise<'a>> {
    stretches
        .iter()
        .zip(&routine.items)
        .map(|(stretch, item)| Exercise { stretch, dose: item.prescription, seconds: item.seconds })
        .collect()
}

/// Named stretches with the dose `dose(stretch, index)` gives each.
fn named<'a, 'i>(
    library: &'a Library,
    ids: impl Iterator<Item = &'i str>,
    dose: impl Fn(&Stretch, usize) -> Result<plan::Prescription>,
) -> Result<Vec<Exercise<'a>>> {
    ids.enumerate()
        .map(|(i, id)| {
            let stretch = library.require(id)?;
            let dose = dose(stretch, i)?;
            Ok(Exercise { stretch, dose, seconds: timing::stretch_s(stretch, &dose) })
        })
        .collect()
}

/// The clinician's notes, read from a file if need be, as printable
/// paragraphs (see [`crate::words::paragraphs`]).
fn notes(notes: &Notes) -> Result<Option<String>> {
    let text = match notes {
        Notes::None => return Ok(None),
        Notes::Text(text) => text.clone(),
        Notes::File(path) => input::read_text(path, FileKind::NotesFile, input::TEXT_FILE_BYTES)?,
    };
    printable(Field::Notes, crate::words::paragraphs(&text), limits::NOTES_CHARS).map(Some)
}

/// The sheet with its title (if any) made one printable line.
fn titled(sheet: &SheetOptions) -> Result<SheetOptions> {
    Ok(SheetOptions { title: line(Field::Title, sheet.title.as_deref())?, ..sheet.clone() })
}

/// A one-line text (a name, a title) as it prints: tabs and line breaks
/// made spaces, soft hyphens dropped (see [`crate::words::one_line`]);
/// refused when too long or unprintable.
fn line(field: Field, text: Option<&str>) -> Result<Option<String>> {
    text.map(|text| printable(field, crate::words::one_line(text), limits::LINE_CHARS)).transpose()
}

/// `text`, unless it is longer than `max` characters or has a character
/// the sheet cannot print.
fn printable(field: Field, text: String, max: usize) -> Result<String> {
    let chars = text.chars().count();
    if chars > max {
        return Err(Error::field(field, Fault::TooLong { chars, max }));
    }
    if let Some(c) = crate::words::control_char(&text) {
        return Err(Error::field(field, Fault::ControlCharacter { c }));
    }
    match Fonts::get().missing(&text) {
        Some(c) => Err(Error::field(field, Fault::MissingGlyph { c })),
        None => Ok(text),
    }
}

/// "handout-ann-lee.pdf" for patient "Ann Lee"; "handout.pdf" without one.
pub fn handout_name(patient: Option<&str>) -> std::path::PathBuf {
    match name_stem(patient) {
        Some(stem) => format!("handout-{stem}.pdf").into(),
        None => "handout.pdf".into(),
    }
}

/// "ann-lee" for patient "Ann Lee": the first six words of the name in
/// lower case, joined by hyphens; `None` when the name has no letters.
pub fn name_stem(patient: Option<&str>) -> Option<String> {
    let lower: String =
        patient.unwrap_or_default().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<String> = lower.split_whitespace().take(6).map(str::to_lowercase).collect();
    (!words.is_empty()).then(|| words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_planners_desk_card_draws_each_stretch_in_the_position_chosen() {
        let library = crate::content::built_in().unwrap();
        let request =
            plan::Request { quick: true, older: true, ..plan::Request::new(vec!["desk-break".into()], 5) };
        let routine = plan::select(&library, &request).unwrap();
        let shown = as_done(&library, &routine).unwrap();
        let mut moved = 0;
        for (stretch, item) in shown.iter().zip(&routine.items) {
            let figure = stretch.figure.as_ref().unwrap();
            assert_eq!(figure.shows(), Some(item.position), "{}", item.id);
            moved += usize::from(library.stretch(&item.id).unwrap().position() != item.position);
        }
        assert!(moved > 0, "no stretch of the card moved: the check means nothing");
        let exercises = from_routine(&shown, &routine);
        assert_eq!(exercises.len(), routine.items.len());
    }

    #[test]
    fn handout_names_come_from_the_patient() {
        assert_eq!(handout_name(Some("Ann Lee")), PathBuf::from("handout-ann-lee.pdf"));
        assert_eq!(handout_name(Some("  O'Brien, Zoë ")), PathBuf::from("handout-o-brien-zoë.pdf"));
        assert_eq!(handout_name(None), PathBuf::from("handout.pdf"));
        assert_eq!(handout_name(Some("!!!")), PathBuf::from("handout.pdf"));
    }

    #[test]
    fn long_or_unprintable_text_is_refused_with_its_field() {
        let err = line(Field::Patient, Some(&"x".repeat(500))).unwrap_err();
        assert_eq!(err.to_string(), "patient: is 500 characters long; the maximum is 200");
        let err = line(Field::Patient, Some("Zoë 李")).unwrap_err();
        assert!(
            err.to_string().starts_with("patient: the character \"李\" (U+674E) is not in the sheet font")
        );
        assert_eq!(line(Field::Title, Some("A\tB\nC\u{ad}D")).unwrap().as_deref(), Some("A B CD"));
        let err = line(Field::Clinician, Some("Dr\u{7} Who")).unwrap_err().to_string();
        assert_eq!(err, "clinician: has a control character (U+0007) that cannot be printed; remove it");
        let notes = notes(&Notes::Text("One\ttwo\r\n\r\nThree".into())).unwrap();
        assert_eq!(notes.as_deref(), Some("One two\n\nThree"));
    }
}
