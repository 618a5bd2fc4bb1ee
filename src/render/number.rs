//! Numbers as a content stream writes them: plain decimals, at most two
//! places for lengths and three for colour components, no exponent, no
//! trailing zeros (shorter streams pack smaller), written without the
//! general float formatter.

/// Writes `v` rounded to two decimal places: `12`, `-3.5`, `0.25`.
pub(super) fn write_number(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    write_fixed(out, hundredths, 100);
}

/// Writes a colour component `v` of 255 as a fraction of one, to three
/// places: `0`, `0.102`, `1`.
pub(super) fn write_color_unit(out: &mut Vec<u8>, v: u8) {
    let thousandths = (u32::from(v) * 1000 + 127) / 255;
    write_fixed(out, i64::from(thousandths), 1000);
}

/// Writes `value / scale` (`scale` a power of ten) with its trailing
/// zeros dropped.
fn write_fixed(out: &mut Vec<u8>, value: i64, scale: i64) {
    if value < 0 {
        out.push(b'-');
    }
    let value = value.unsigned_abs();
    let scale = scale.unsigned_abs();
    write_digits(out, value / scale);
    let mut frac = value % scale;
    if frac == 0 {
        return;
    }
    out.push(b'.');
    let mut unit = scale / 10;
    while frac > 0 {
        out.push(b'0' + (frac / unit) as u8);
        frac %= unit;
        unit /= 10;
    }
}

fn write_digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f32) -> String {
        let mut out = Vec::new();
        write_number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    fn unit(v: u8) -> String {
        let mut out = Vec::new();
        write_color_unit(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lengths_have_at_most_two_places_and_no_trailing_zeros() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(841.89), "841.89");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(-12.87), "-12.87");
        assert_eq!(number(-0.004), "0");
        assert_eq!(number(1.999), "2");
        assert_eq!(number(100000.25), "100000.25");
    }

    #[test]
    fn colour_components_are_fractions_of_one_to_three_places() {
        assert_eq!(unit(0), "0");
        assert_eq!(unit(255), "1");
        assert_eq!(unit(26), "0.102");
        assert_eq!(unit(0x80), "0.502");
        assert_eq!(unit(51), "0.2");
    }

    #[test]
    fn every_written_number_reads_back_as_the_value_rounded() {
        for i in -20_000..20_000 {
            let v = i as f32 * 0.037;
            let text = number(v);
            let back: f64 = text.parse().unwrap();
            assert!((back - f64::from(v)).abs() <= 0.005 + 1e-6, "{v} -> {text}");
            assert!(!text.contains('e'), "{text}");
        }
    }
}
