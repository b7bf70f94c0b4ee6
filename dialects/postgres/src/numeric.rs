//! PostgreSQL's binary NUMERIC format, to and from `BigDecimal`
//! (tokio-postgres has no decimal support of its own).
//!
//! The format: `ndigits: i16, weight: i16, sign: u16, dscale: u16`, then
//! `ndigits` base-10000 digits (`i16` each), most significant first. The
//! value is `sum(digit[i] * 10000^(weight - i))`; `dscale` is the number of
//! decimal digits after the point that the value displays.

use bigdecimal::num_bigint::{BigInt, Sign};
use bigdecimal::BigDecimal;

const POSITIVE: u16 = 0x0000;
const NEGATIVE: u16 = 0x4000;
const NAN: u16 = 0xC000;
const PLUS_INFINITY: u16 = 0xD000;
const MINUS_INFINITY: u16 = 0xF000;
/// The largest display scale PostgreSQL accepts.
const MAX_DSCALE: i64 = 0x3FFF;
/// The most digits before the decimal point PostgreSQL accepts.
const MAX_INTEGER_DIGITS: i64 = 131_072;

/// Encodes `d` in the binary NUMERIC format, or says why it cannot be.
pub(crate) fn encode(d: &BigDecimal, out: &mut Vec<u8>) -> Result<(), String> {
    let (int, scale) = d.as_bigint_and_exponent();
    if scale > MAX_DSCALE {
        return Err(format!(
            "{scale} digits after the decimal point (PostgreSQL allows {MAX_DSCALE})"
        ));
    }
    let digits = int.magnitude().to_string();
    let len = i64::try_from(digits.len()).map_err(|e| e.to_string())?;
    // Digits before the decimal point (may be negative: leading zeros after it).
    let int_len = len - scale;
    if int_len > MAX_INTEGER_DIGITS {
        return Err(format!(
            "{int_len} digits before the decimal point (PostgreSQL allows {MAX_INTEGER_DIGITS})"
        ));
    }
    let dscale = u16::try_from(scale.max(0)).map_err(|e| e.to_string())?;

    // The decimal digits, aligned so that the point falls on a group of four.
    let mut aligned = String::new();
    let (int_part, frac_part) = if int_len >= len {
        (
            digits.clone() + &"0".repeat(usize::try_from(int_len - len).unwrap_or(0)),
            String::new(),
        )
    } else if int_len > 0 {
        let at = usize::try_from(int_len).unwrap_or(0);
        let (i, f) = digits.split_at(at.min(digits.len()));
        (i.to_owned(), f.to_owned())
    } else {
        let zeros = usize::try_from(-int_len).unwrap_or(0);
        (String::new(), "0".repeat(zeros) + &digits)
    };
    let lead = (4 - int_part.len() % 4) % 4;
    aligned.push_str(&"0".repeat(lead));
    aligned.push_str(&int_part);
    let int_groups = (lead + int_part.len()) / 4;
    aligned.push_str(&frac_part);
    aligned.push_str(&"0".repeat((4 - frac_part.len() % 4) % 4));

    let mut groups: Vec<i16> = aligned
        .as_bytes()
        .chunks(4)
        .map(|c| c.iter().fold(0i16, |acc, b| acc * 10 + i16::from(b - b'0')))
        .collect();
    let mut weight = i64::try_from(int_groups).map_err(|e| e.to_string())? - 1;
    let leading = groups.iter().take_while(|g| **g == 0).count();
    groups.drain(..leading);
    weight -= i64::try_from(leading).map_err(|e| e.to_string())?;
    while groups.last() == Some(&0) {
        groups.pop();
    }
    let negative = int.sign() == Sign::Minus && !groups.is_empty();
    if groups.is_empty() {
        weight = 0;
    }
    let ndigits = i16::try_from(groups.len()).map_err(|_| "too many digits".to_owned())?;
    let weight = i16::try_from(weight).map_err(|_| "exponent out of range".to_owned())?;

    out.extend_from_slice(&ndigits.to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&(if negative { NEGATIVE } else { POSITIVE }).to_be_bytes());
    out.extend_from_slice(&dscale.to_be_bytes());
    for g in groups {
        out.extend_from_slice(&g.to_be_bytes());
    }
    Ok(())
}

fn read_u16(raw: &[u8], at: usize) -> Result<u16, String> {
    match raw.get(at..at + 2) {
        Some(&[a, b]) => Ok(u16::from_be_bytes([a, b])),
        _ => Err("truncated NUMERIC value".to_owned()),
    }
}

/// Decodes a binary NUMERIC; NaN and infinities have no `BigDecimal` and
/// are errors.
pub(crate) fn decode(raw: &[u8]) -> Result<BigDecimal, String> {
    let ndigits = read_u16(raw, 0)? as i16;
    let weight = i64::from(read_u16(raw, 2)? as i16);
    let sign = read_u16(raw, 4)?;
    let dscale = i64::from(read_u16(raw, 6)?);
    match sign {
        POSITIVE | NEGATIVE => {}
        NAN => return Err("NaN has no decimal value".to_owned()),
        PLUS_INFINITY | MINUS_INFINITY => return Err("infinity has no decimal value".to_owned()),
        other => return Err(format!("unknown NUMERIC sign {other:#x}")),
    }
    let n = usize::try_from(ndigits).map_err(|_| "negative digit count".to_owned())?;
    let mut text = String::with_capacity(n * 4 + 1);
    for i in 0..n {
        let d = read_u16(raw, 8 + 2 * i)?;
        if d >= 10_000 {
            return Err(format!("invalid NUMERIC digit {d}"));
        }
        text.push_str(&format!("{d:04}"));
    }
    if text.is_empty() {
        text.push('0');
    }
    let mut int: BigInt = text
        .parse()
        .map_err(|e: bigdecimal::num_bigint::ParseBigIntError| e.to_string())?;
    if sign == NEGATIVE {
        int = -int;
    }
    // The last digit group is worth 10000^(weight - ndigits + 1).
    let exponent = 4 * (weight - i64::from(ndigits) + 1);
    Ok(BigDecimal::new(int, -exponent).with_scale(dscale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> BigDecimal {
        let d: BigDecimal = s.parse().unwrap();
        let mut buf = Vec::new();
        encode(&d, &mut buf).unwrap();
        decode(&buf).unwrap()
    }

    #[test]
    fn encodes_like_postgres() {
        let mut buf = Vec::new();
        encode(&"12345.678".parse().unwrap(), &mut buf).unwrap();
        // 1 2345 . 6780: ndigits 3, weight 1, positive, dscale 3
        assert_eq!(buf, [0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1a, 0x7c]);
        buf.clear();
        encode(&"-0.0001".parse().unwrap(), &mut buf).unwrap();
        assert_eq!(buf, [0, 1, 0xff, 0xff, 0x40, 0, 0, 4, 0, 1]);
        buf.clear();
        encode(&"0.00".parse().unwrap(), &mut buf).unwrap();
        assert_eq!(buf, [0, 0, 0, 0, 0, 0, 0, 2]);
    }

    #[test]
    fn round_trips() {
        for s in [
            "0",
            "1",
            "-1",
            "10000",
            "1e10",
            "99999999999999999999999999999999999999",
            "-0.00000000000000000000000000000000000001",
            "12345678901234567890.123456789012345678",
            "0.5",
            "1.50",
        ] {
            let d: BigDecimal = s.parse().unwrap();
            let back = round_trip(s);
            assert_eq!(back, d, "{s}");
            assert_eq!(
                back.as_bigint_and_exponent().1,
                d.as_bigint_and_exponent().1.max(0),
                "{s}"
            );
        }
    }

    #[test]
    fn rejects_out_of_range() {
        let mut buf = Vec::new();
        assert!(encode(&"1e-20000".parse().unwrap(), &mut buf).is_err());
        assert!(encode(&"1e200000".parse().unwrap(), &mut buf).is_err());
        assert!(decode(&[0, 0, 0, 0, 0xC0, 0, 0, 0]).is_err());
        assert!(decode(&[0, 1]).is_err());
    }
}
