use std::time::Instant;
use stretchsheet::*;
fn main() {
    let t0 = Instant::now();
    let t = Instant::now();
    let library = content::load(None).unwrap();
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let c = clinic::Clinic::load(std::path::Path::new("examples/clinic/clinic.toml")).unwrap();
    println!("clinic {:?}", t.elapsed());
    let t = Instant::now();
    let ex: Vec<_> = ["doorway-chest-stretch", "cat-cow", "thread-the-needle"]
        .iter()
        .map(|id| {
            let s = library.stretch(id).unwrap();
            let d = plan::Prescription::standard(&s.dose, false);
            layout::sheets::Exercise { stretch: s, dose: d, seconds: 60 }
        })
        .collect();
    let h = layout::sheets::Handout {
        clinic: Some(&c),
        patient: Some("Ann Lee"),
        clinician: Some("Sam"),
        date: "2026-11-21".parse().unwrap(),
        notes: None,
        exercises: ex,
        per_day: Some(1),
        per_week: Some(5),
        follow_up: None,
    };
    let doc = layout::sheets::handout(&h, library.safety(), &Default::default(), &Default::default());
    println!("layout {:?}", t.elapsed());
    let t = Instant::now();
    let b = render::render(&doc).unwrap();
    println!("render {:?} {}", t.elapsed(), b.len());
    println!("total {:?}", t0.elapsed());
    let bytes = std::fs::read("examples/clinic/logo.png").unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    for f in [
        image::imageops::FilterType::Lanczos3,
        image::imageops::FilterType::CatmullRom,
        image::imageops::FilterType::Triangle,
    ] {
        let t = Instant::now();
        let rgba = img.to_rgba8();
        let _r = image::imageops::resize(&rgba, 590, 177, f);
        println!("{:?} {:?}", f, t.elapsed());
    }
}
