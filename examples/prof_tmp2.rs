use std::time::{Duration, Instant};
use stretchsheet::*;
fn main() {
    let library = content::load(None).unwrap();
    let req = plan::Request::new(vec!["posture".into()], 10);
    let cal =
        plan::Calendar { start: "2026-11-23".parse().unwrap(), days: plan::Calendar::spread(3), weeks: 4 };
    let p = plan::build(&library, &req, &cal).unwrap();
    let doc = layout::sheets::plan(&p, &library, &Default::default(), &Default::default());
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..50 {
        let t = Instant::now();
        n = render::render(&doc).unwrap().len();
        best = best.min(t.elapsed());
    }
    println!("render min {:?} {}", best, n);
    let mut best = Duration::MAX;
    for _ in 0..50 {
        let t = Instant::now();
        let _ = layout::sheets::plan(&p, &library, &Default::default(), &Default::default());
        best = best.min(t.elapsed());
    }
    println!("layout min {:?}", best);
    let mut best = Duration::MAX;
    for _ in 0..50 {
        let t = Instant::now();
        let _ = plan::build(&library, &req, &cal).unwrap();
        best = best.min(t.elapsed());
    }
    println!("build min {:?}", best);
    let mut best = Duration::MAX;
    for _ in 0..50 {
        let t = Instant::now();
        let _ = content::load(None).unwrap();
        best = best.min(t.elapsed());
    }
    println!("load min {:?}", best);
}
