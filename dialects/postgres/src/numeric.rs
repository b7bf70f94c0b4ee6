//! PostgreSQL's binary NUMERIC format, to and from `BigDecimal`
//! (tokio-postgres has no decimal support of its own).
//!
//! The format: `ndigits: u16, weight: i16, sign: u16, dscale: u16`, then
//! `ndigits` base-10000 digits (16 bits each), most significant first. The
//! value is `sum(digit[i] * 10000^(weight - i))`; `dscale` is the number of
//! decimal digits after the point that the value displays. (The server
//! writes `ndigits` as an int16 and reads it as a uint16: a value with
//! 131072 digits before the point has 32768 groups.)
//!
//! Hand-written rather than a dependency: the crates.io codec for
//! `BigDecimal` (pg_bigdecimal) is built on bigdecimal 0.3, not 0.4, and
//! its exponents are unchecked `as u32` casts.

use bigdecimal::num_bigint::{BigInt, Sign};
use bigdecimal::BigDecimal;

const POSITIVE: u16 = 0x0000;
const NEGATIVE: u16 = 0x4000;
const NAN: u16 = 0xC000;
const PLUS_INFINITY: u16 = 0xD000;
const MINUS_INFINITY: u16 = 0xF000;
/// The largest display scale PostgreSQL accepts (`NUMERIC_DSCALE_MASK`).
const MAX_DSCALE: i128 = 0x3FFF;
/// The most digits before the decimal point PostgreSQL accepts: a weight
/// of at most `i16::MAX` base-10000 digits.
const MAX_INTEGER_DIGITS: i128 = 131_072;

/// Encodes `d` in the binary NUMERIC format, or says why it cannot be.
///
/// The bounds are checked on the digit counts (in `i128`, so no exponent
/// overflows) before any padding is allocated: at most 16383 digits after the
/// point (the server would round more away) and 131072 before it (the
/// weight is an `i16`). Within them the digit count fits the `u16` that
/// `ndigits` is on the wire.
pub(crate) fn encode(d: &BigDecimal, out: &mut Vec<u8>) -> Result<(), String> {
    let (int, scale) = d.as_bigint_and_exponent();
    let scale = i128::from(scale);
    if scale > MAX_DSCALE {
        return Err(format!(
            "the decimal has {scale} digits after the decimal point \
             (PostgreSQL numeric takes at most {MAX_DSCALE})"
        ));
    }
    let dscale = u16::try_from(scale.max(0)).map_err(|e| e.to_string())?;
    if int.sign() == Sign::NoSign {
        // Zero, whatever its exponent: no digits.
        write_header(out, 0, 0, POSITIVE, dscale);
        return Ok(());
    }
    let digits = int.magnitude().to_string();
    let len = i128::try_from(digits.len()).map_err(|e| e.to_string())?;
    // Digits before the decimal point (negative: zeros after it first).
    let int_len = len - scale;
    if int_len > MAX_INTEGER_DIGITS {
        return Err(format!(
            "the decimal has {int_len} digits before the decimal point \
             (PostgreSQL numeric takes at most {MAX_INTEGER_DIGITS})"
        ));
    }
    // From here every count is below 131072 + 16383.
    let count = |n: i128| usize::try_from(n.max(0)).map_err(|e| e.to_string());
    let frac_len = count(scale)?;
    let int_part = count(int_len)?;
    // The decimal digits, padded so that the point falls between groups of
    // four: zeros before the integer part, zeros between the point and the
    // digits, the digits, zeros for a negative scale, zeros after.
    let lead = (4 - int_part % 4) % 4;
    let mut aligned: Vec<u8> = Vec::new();
    aligned.resize(lead + count(-int_len)?, b'0');
    aligned.extend_from_slice(digits.as_bytes());
    aligned.resize(aligned.len() + count(-scale)?, b'0');
    aligned.resize(aligned.len() + (4 - frac_len % 4) % 4, b'0');

    let mut groups: Vec<u16> = aligned
        .chunks(4)
        .map(|c| {
            c.iter()
                .fold(0u16, |acc, b| acc * 10 + u16::from(b.saturating_sub(b'0')))
        })
        .collect();
    let int_groups = (lead + int_part) / 4;
    let leading = groups.iter().take_while(|g| **g == 0).count();
    groups.drain(..leading);
    while groups.last() == Some(&0) {
        groups.pop();
    }
    let weight = i128::try_from(int_groups).map_err(|e| e.to_string())?
        - 1
        - i128::try_from(leading).map_err(|e| e.to_string())?;
    let weight = i16::try_from(weight).map_err(|_| format!("weight {weight} out of range"))?;
    let ndigits =
        u16::try_from(groups.len()).map_err(|_| format!("{} base-10000 digits", groups.len()))?;
    let sign = if int.sign() == Sign::Minus {
        NEGATIVE
    } else {
        POSITIVE
    };
    write_header(out, ndigits, weight, sign, dscale);
    for g in groups {
        out.extend_from_slice(&g.to_be_bytes());
    }
    Ok(())
}

fn write_header(out: &mut Vec<u8>, ndigits: u16, weight: i16, sign: u16, dscale: u16) {
    out.extend_from_slice(&ndigits.to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&sign.to_be_bytes());
    out.extend_from_slice(&dscale.to_be_bytes());
}

fn read_u16(raw: &[u8], at: usize) -> Result<u16, String> {
    match raw.get(at..at.saturating_add(2)) {
        Some(&[a, b]) => Ok(u16::from_be_bytes([a, b])),
        _ => Err("truncated NUMERIC value".to_owned()),
    }
}

/// Decodes a binary NUMERIC; NaN and infinities have no `BigDecimal` and
/// are errors. (`ndigits` is sent as 16 bits, read unsigned as the server
/// does: a value can have more than 32767 base-10000 digits.)
pub(crate) fn decode(raw: &[u8]) -> Result<BigDecimal, String> {
    let ndigits = read_u16(raw, 0)?;
    let weight = i64::from(read_u16(raw, 2)? as i16);
    let sign = read_u16(raw, 4)?;
    let dscale = i64::from(read_u16(raw, 6)?);
    match sign {
        POSITIVE | NEGATIVE => {}
        NAN => return Err("PostgreSQL numeric NaN has no decimal value".to_owned()),
        PLUS_INFINITY => return Err("PostgreSQL numeric Infinity has no decimal value".to_owned()),
        MINUS_INFINITY => {
            return Err("PostgreSQL numeric -Infinity has no decimal value".to_owned())
        }
        other => return Err(format!("unknown NUMERIC sign {other:#x}")),
    }
    let n = usize::from(ndigits);
    let body = raw
        .get(8..8 + 2 * n)
        .ok_or_else(|| "truncated NUMERIC value".to_owned())?;
    let mut text = String::with_capacity(n * 4 + 1);
    for pair in body.chunks_exact(2) {
        let &[a, b] = pair else { continue };
        let d = u16::from_be_bytes([a, b]);
        if d >= 10_000 {
            return Err(format!("invalid NUMERIC digit {d}"));
        }
        let mut buf = itoa::Buffer::new();
        let s = buf.format(d);
        for _ in s.len()..4 {
            text.push('0');
        }
        text.push_str(s);
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
        // Exponents at the ends of i64: an error, not an overflow.
        for scale in [i64::MIN, i64::MIN + 1, i64::MAX, -(i64::MAX - 2)] {
            for m in [1, -5, 12345] {
                let d = BigDecimal::new(BigInt::from(m), scale);
                assert!(encode(&d, &mut buf).is_err(), "{m} {scale}");
            }
        }
        // Zero takes any exponent.
        buf.clear();
        encode(&BigDecimal::new(BigInt::from(0), i64::MIN), &mut buf).unwrap();
        assert_eq!(buf, [0, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn more_than_32767_groups() {
        // 131072 nines and 16383 after the point: 36864 base-10000 digits.
        let s = "9".repeat(131_072) + "." + &"9".repeat(16_383);
        let d: BigDecimal = s.parse().unwrap();
        let mut buf = Vec::new();
        encode(&d, &mut buf).unwrap();
        assert_eq!(&buf[..8], [0x90, 0x00, 0x7f, 0xff, 0, 0, 0x3f, 0xff]);
        assert_eq!(decode(&buf).unwrap(), d);
        assert_eq!(
            round_trip("1e131071"),
            "1e131071".parse::<BigDecimal>().unwrap()
        );
        assert!(decode(&[0x90, 0, 0, 0, 0, 0, 0, 0]).is_err());
    }
}
