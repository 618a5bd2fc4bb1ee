use std::time::Instant;
use stretchsheet::*;
fn main() {
    let library = content::load(None).unwrap();
    let req = plan::Request::new(vec!["posture".into()], 10);
    let cal =
        plan::Calendar { start: "2026-11-23".parse().unwrap(), days: plan::Calendar::spread(3), weeks: 4 };
    for _ in 0..3 {
        let t = Instant::now();
        let _p = plan::build(&library, &req, &cal).unwrap();
        println!("{:?}", t.elapsed());
    }
}
