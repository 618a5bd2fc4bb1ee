use stretchsheet::*;
fn main() {
    let library = content::load(None).unwrap();
    let req = plan::Request::new(vec!["posture".into()], 10);
    let cal =
        plan::Calendar { start: "2026-11-23".parse().unwrap(), days: plan::Calendar::spread(3), weeks: 4 };
    let p = plan::build(&library, &req, &cal).unwrap();
    let doc = layout::sheets::plan(&p, &library, &Default::default(), &Default::default());
    for _ in 0..100 {
        let _ = render::render(&doc).unwrap();
    }
    unsafe {
        println!("to_lopdf avg {:.2} ms, compress avg {:.2} ms", render::T_LO * 10.0, render::T_C * 10.0);
    }
}
