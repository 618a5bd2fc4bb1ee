//! A contact sheet of every stretch's figure, for reviewing the figures by
//! eye: each stretch at a large size and at desk-card size (25 mm wide), with
//! its name and any validation problems.
//!
//! ```text
//! cargo run --example figure_sheet -- sheet.svg [ID ...]
//! rsvg-convert -d 144 -p 144 sheet.svg -o sheet.png
//! ```
//!
//! Reads `content/stretches/*.toml` directly (not through the loader), so
//! figures that fail validation still show up.

use std::path::Path;

use stretchsheet::content::Stretch;
use stretchsheet::doc::geom::{Point, Rect, mm};
use stretchsheet::doc::{Color, Face, Item, Stroke, TextRun};
use stretchsheet::figure;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().cloned().unwrap_or_else(|| "figure-sheet.svg".into());
    let only: Vec<&String> = args.iter().skip(1).collect();

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/stretches");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("content/stretches exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();

    let (big_w, big_h) = (210.0, 160.0);
    let small_w = mm(25.0);
    let small_h = mm(25.0) * big_h / big_w;
    let cell_w = big_w + small_w + 30.0;
    let cell_h = big_h + 40.0;
    let columns: usize = 3;
    let mut items = Vec::new();
    let mut n = 0;
    for path in files {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !only.is_empty() && !only.iter().any(|o| **o == id) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let stretch: Stretch = match toml::from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{id}: {}", e.message());
                continue;
            }
        };
        let x = 10.0 + (n % columns) as f32 * cell_w;
        let y = 10.0 + (n / columns) as f32 * cell_h;
        n += 1;
        let big = Rect::new(x, y, big_w, big_h);
        let small = Rect::new(x + big_w + 10.0, y + big_h - small_h, small_w, small_h);
        for frame in [big, small] {
            items.push(Item::Box {
                rect: frame,
                fill: None,
                stroke: Some(Stroke::solid(0.3, Color::gray(0xdd))),
            });
        }
        let _ = &path;
        let mut problems = stretchsheet::content::check_figure::figure(stretch.figure.as_ref());
        if let Some(fig) = &stretch.figure {
            problems.extend(figure::placement(fig));
        }
        if let Some(fig) = &stretch.figure {
            if std::env::var_os("FIGURE_DEBUG").is_some() {
                eprintln!("{id}: {}", figure::describe(fig));
            }
            items.extend(figure::draw(fig, big));
            items.extend(figure::draw(fig, small));
        }
        items.push(text_item(x, y + big_h + 13.0, &stretch.name, 10.0, Face::Bold));
        items.push(text_item(x, y + big_h + 25.0, &id, 8.0, Face::Regular));
        for (i, p) in problems.iter().enumerate() {
            let line = format!("{}: {}", p.field, p.fault);
            eprintln!("{id}: {line}");
            if i < 1 {
                let mut run = text_item(x, y + big_h + 35.0, &line, 6.0, Face::Regular);
                if let Item::Text(t) = &mut run {
                    t.color = Color::rgb(0xc0, 0x20, 0x20);
                }
                items.push(run);
            }
        }
    }
    let rows = n.div_ceil(columns);
    let w = 20.0 + columns as f32 * cell_w;
    let h = 20.0 + rows as f32 * cell_h;
    let mut all = vec![Item::Box { rect: Rect::new(0.0, 0.0, w, h), fill: Some(Color::WHITE), stroke: None }];
    all.extend(items);
    std::fs::write(&out, stretchsheet::render::svg::document(&all, w, h)).unwrap();
    eprintln!("wrote {out} ({n} figures)");
}

fn text_item(x: f32, y: f32, text: &str, size: f32, face: Face) -> Item {
    Item::Text(TextRun {
        origin: Point::new(x, y),
        text: text.to_string(),
        face,
        size,
        color: Color::gray(0x1a),
        width: 0.0,
    })
}
