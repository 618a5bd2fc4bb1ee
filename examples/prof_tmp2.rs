use std::time::Instant;
use stretchsheet::*;
fn main() {
    let library = content::load(None).unwrap();
    let req = plan::Request::new(vec!["posture".into()], 10);
    let cal =
        plan::Calendar { start: "2026-11-23".parse().unwrap(), days: plan::Calendar::spread(3), weeks: 4 };
    let p = plan::build(&library, &req, &cal).unwrap();
    let doc = layout::sheets::plan(&p, &library, &Default::default(), &Default::default());
    let mut texts = doc.clone();
    for pg in &mut texts.pages {
        pg.items.retain(|i| matches!(i, layout::Item::Text(_)));
    }
    let mut paths = doc.clone();
    for pg in &mut paths.pages {
        pg.items.retain(|i| !matches!(i, layout::Item::Text(_)));
    }
    for (name, d) in [("all", &doc), ("texts", &texts), ("paths", &paths)] {
        let t = Instant::now();
        let b = render::render(d).unwrap();
        println!("{name} {:?} {}", t.elapsed(), b.len());
    }
    let mut one = texts.clone();
    one.pages.truncate(1);
    for pg in &mut one.pages {
        pg.items.truncate(3);
    }
    let t = Instant::now();
    let b = render::render(&one).unwrap();
    println!("one page 3 runs {:?} {}", t.elapsed(), b.len());
    let mut onep = texts.clone();
    onep.pages.truncate(1);
    let t = Instant::now();
    let b = render::render(&onep).unwrap();
    println!("one page texts {:?} {}", t.elapsed(), b.len());
    let n: usize = doc.pages.iter().map(|p| p.texts().count()).sum();
    let c: usize = doc.pages.iter().flat_map(|p| p.texts()).map(|t| t.text.chars().count()).sum();
    println!("runs {n} chars {c}");
}
#[allow(dead_code)]
fn unused() {}
