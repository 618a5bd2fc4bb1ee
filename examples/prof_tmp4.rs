use stretchsheet::*;
fn main() {
    let library = content::load(None).unwrap();
    let req = plan::Request::new(vec!["posture".into()], 10);
    let cal =
        plan::Calendar { start: "2026-11-23".parse().unwrap(), days: plan::Calendar::spread(3), weeks: 4 };
    let p = plan::build(&library, &req, &cal).unwrap();
    let doc = layout::sheets::plan(&p, &library, &Default::default(), &Default::default());
    for _ in 0..300 {
        let _b = render::render(&doc).unwrap();
    }
}
