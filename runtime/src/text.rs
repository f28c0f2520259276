//! Text on the wire that is not JSON or XML: URI percent-encoding, base64, the three timestamp
//! formats, header lists, scalars as header, query and label text, exact decimal comparison,
//! error-code sanitising and idempotency tokens. Shared by every protocol.
//!
//! Everything here is sans-IO and allocation-light; no function panics on any input.

use crate::primitives::DateTime;


// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Text received from the service is not a valid value of the expected kind.
///
/// The message describes the problem without repeating the value, which may be sensitive.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct DecodeError {
    kind: &'static str,
    message: ::std::string::String,
}

impl DecodeError {
    fn new(kind: &'static str, message: impl ::std::convert::Into<::std::string::String>) -> Self {
        DecodeError { kind, message: message.into() }
    }

    /// What was being decoded: `"base64"`, `"date-time timestamp"`, `"header list"`, ...
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid {}: {}", self.kind, self.message)
    }
}

impl ::std::error::Error for DecodeError {}

// ---------------------------------------------------------------------------------------------
// Percent-encoding
// ---------------------------------------------------------------------------------------------

fn percent_encode(input: &str, keep_slash: bool) -> ::std::string::String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = ::std::string::String::with_capacity(input.len());
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// A URI label value: RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) are kept, every
/// other UTF-8 byte becomes `%XX` with uppercase hex (`a/b c` gives `a%2Fb%20c`).
///
/// Labels of `.` or `..` are kept as they are (they are unreserved), as the Smithy HTTP binding
/// rules require; HTTP stacks that normalize dot segments would change such a path.
pub fn encode_label(value: &str) -> ::std::string::String {
    percent_encode(value, false)
}

/// A greedy URI label value (`{key+}`): like [`encode_label`] but `/` is kept.
pub fn encode_greedy_label(value: &str) -> ::std::string::String {
    percent_encode(value, true)
}

/// A query-string key or value: like [`encode_label`], so a space is `%20` (never `+`).
pub fn encode_query(value: &str) -> ::std::string::String {
    percent_encode(value, false)
}

// ---------------------------------------------------------------------------------------------
// Base64
// ---------------------------------------------------------------------------------------------

const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 section 4) with `=` padding.
pub fn base64_encode(bytes: &[u8]) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0];
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| char::from(BASE64_ALPHABET[((n >> shift) & 0x3f) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

fn base64_value(c: u8) -> ::std::option::Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return ::std::option::Option::None,
    };
    ::std::option::Option::Some(u32::from(v))
}

/// Decode standard base64 strictly: the length must be a multiple of four, only the standard
/// alphabet is allowed (no URL-safe `-_`, no whitespace or line breaks), `=` may appear only as
/// the one or two final characters, and the unused bits before padding must be zero (so every
/// byte string has exactly one accepted encoding). The empty string decodes to no bytes.
pub fn base64_decode(text: &str) -> ::std::result::Result<::std::vec::Vec<u8>, DecodeError> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return ::std::result::Result::Err(DecodeError::new("base64", "length is not a multiple of 4"));
    }
    let mut out = ::std::vec::Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.len() / 4;
    for (index, chunk) in bytes.chunks_exact(4).enumerate() {
        let last = index + 1 == chunks;
        let padding = if last { chunk.iter().rev().take_while(|&&c| c == b'=').count() } else { 0 };
        if padding > 2 {
            return ::std::result::Result::Err(DecodeError::new("base64", "too much '=' padding"));
        }
        let mut n = 0u32;
        for (i, &c) in chunk[..4 - padding].iter().enumerate() {
            match base64_value(c) {
                ::std::option::Option::Some(v) => n |= v << (18 - 6 * i),
                ::std::option::Option::None => {
                    let what = if c == b'=' {
                        "'=' padding before the end"
                    } else {
                        "a character outside the standard alphabet"
                    };
                    return ::std::result::Result::Err(DecodeError::new(
                        "base64",
                        format!("{what} at offset {}", index * 4 + i),
                    ));
                }
            }
        }
        let produced = 3 - padding;
        let unused_mask = match padding {
            2 => 0xffff,
            1 => 0xff,
            _ => 0,
        };
        if n & unused_mask != 0 {
            return ::std::result::Result::Err(DecodeError::new("base64", "non-zero bits before the padding"));
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..produced]);
    }
    ::std::result::Result::Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/// 0001-01-01T00:00:00Z, the first instant of Smithy's timestamp range.
const MIN_SECS: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z, the last whole second of Smithy's timestamp range.
const MAX_SECS: i64 = 253_402_300_799;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400;
    (if month <= 2 { year + 1 } else { year }, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The UTC calendar fields of a timestamp.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millis: u32,
    weekday: usize,
}

fn civil(time: &DateTime) -> Civil {
    let days = time.secs().div_euclid(86_400);
    let second_of_day = time.secs().rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: second_of_day / 3600,
        minute: second_of_day / 60 % 60,
        second: second_of_day % 60,
        millis: time.subsec_nanos() / 1_000_000,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as usize,
    }
}

/// Whether a timestamp lies in Smithy's range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z,
/// the only instants the `date-time` and `http-date` formats can express.
pub fn timestamp_in_range(time: &DateTime) -> bool {
    (MIN_SECS..=MAX_SECS).contains(&time.secs())
}

/// Append `.fff` without trailing zeros, or nothing when `millis` is zero.
fn push_millis(out: &mut ::std::string::String, millis: u32) {
    if millis != 0 {
        let text = format!(".{millis:03}");
        out.push_str(text.trim_end_matches('0'));
    }
}

fn push_year(out: &mut ::std::string::String, year: i64) {
    use ::std::fmt::Write as _;
    // Years outside 0000-9999 use ISO 8601's expanded form; see `format_date_time`.
    let _ = match year {
        0..=9999 => write!(out, "{year:04}"),
        10_000.. => write!(out, "+{year}"),
        _ => write!(out, "-{:04}", year.unsigned_abs()),
    };
}

/// The `epoch-seconds` format: seconds since 1970-01-01T00:00:00Z with up to millisecond
/// precision and no trailing zeros (`1576540098`, `1576540098.5`, `-0.25`); sub-millisecond
/// nanoseconds are truncated (Smithy timestamps have millisecond resolution).
pub fn format_epoch_seconds(time: &DateTime) -> ::std::string::String {
    let millis = time.subsec_nanos() / 1_000_000;
    if millis == 0 {
        return time.secs().to_string();
    }
    // `secs` is floored and `millis` counts up from it; print the signed decimal it makes.
    let total = i128::from(time.secs()) * 1000 + i128::from(millis);
    let sign = if total < 0 { "-" } else { "" };
    let magnitude = total.unsigned_abs();
    let mut out = format!("{sign}{}", magnitude / 1000);
    push_millis(&mut out, (magnitude % 1000) as u32);
    out
}

/// The `date-time` format: RFC 3339 in UTC, fractional seconds only when the millisecond part is
/// non-zero and without trailing zeros (`2019-12-16T23:48:18Z`, `1985-04-12T23:20:50.52Z`).
///
/// Sub-millisecond nanoseconds are truncated. Outside Smithy's range (see
/// [`timestamp_in_range`]) the year is written in ISO 8601's expanded form (`+10000`, `-0001`),
/// which is not RFC 3339, so services reject it instead of receiving a wrong date.
pub fn format_date_time(time: &DateTime) -> ::std::string::String {
    use ::std::fmt::Write as _;
    let c = civil(time);
    let mut out = ::std::string::String::with_capacity(24);
    push_year(&mut out, c.year);
    let _ = write!(out, "-{:02}-{:02}T{:02}:{:02}:{:02}", c.month, c.day, c.hour, c.minute, c.second);
    push_millis(&mut out, c.millis);
    out.push('Z');
    out
}

/// The `http-date` format: RFC 9110 IMF-fixdate, `Tue, 29 Apr 2014 18:30:38 GMT`.
///
/// IMF-fixdate has whole seconds, so sub-second precision is truncated (Smithy defines
/// `http-date` as second precision). Years outside 0001-9999 are written as for
/// [`format_date_time`].
pub fn format_http_date(time: &DateTime) -> ::std::string::String {
    use ::std::fmt::Write as _;
    let c = civil(time);
    let mut out = ::std::string::String::with_capacity(29);
    let _ = write!(out, "{}, {:02} {} ", WEEKDAYS[c.weekday], c.day, MONTHS[(c.month - 1) as usize]);
    push_year(&mut out, c.year);
    let _ = write!(out, " {:02}:{:02}:{:02} GMT", c.hour, c.minute, c.second);
    out
}

/// A decimal number split into sign, significant digits and the position of the decimal point:
/// the value is `0.DIGITS x 10^point`.
struct Decimal {
    negative: bool,
    digits: ::std::vec::Vec<u8>,
    point: i64,
}

/// Split a number in JSON grammar (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
fn decimal(text: &str) -> ::std::option::Option<Decimal> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let negative = bytes.first() == ::std::option::Option::Some(&b'-');
    if negative {
        i += 1;
    }
    let int_start = i;
    match bytes.get(i) {
        ::std::option::Option::Some(b'0') => i += 1,
        ::std::option::Option::Some(b'1'..=b'9') => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return ::std::option::Option::None,
    }
    let int = &bytes[int_start..i];
    let mut frac: &[u8] = &[];
    if bytes.get(i) == ::std::option::Option::Some(&b'.') {
        let start = i + 1;
        i = start;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return ::std::option::Option::None;
        }
        frac = &bytes[start..i];
    }
    let mut exponent: i64 = 0;
    if matches!(bytes.get(i), ::std::option::Option::Some(b'e' | b'E')) {
        i += 1;
        let exp_negative = bytes.get(i) == ::std::option::Option::Some(&b'-');
        if matches!(bytes.get(i), ::std::option::Option::Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while let ::std::option::Option::Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            exponent = exponent.saturating_mul(10).saturating_add(i64::from(b - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return ::std::option::Option::None;
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if i != bytes.len() {
        return ::std::option::Option::None;
    }
    let all = int.iter().chain(frac).copied();
    let leading = all.clone().take_while(|&b| b == b'0').count();
    let mut digits: ::std::vec::Vec<u8> = all.skip(leading).map(|b| b - b'0').collect();
    while digits.last() == ::std::option::Option::Some(&0) {
        digits.pop();
    }
    let point = (int.len() as i64).saturating_add(exponent).saturating_sub(leading as i64);
    ::std::option::Option::Some(Decimal { negative, digits, point })
}

/// Parse the `epoch-seconds` format: a number in JSON grammar (as in a JSON body, or as header,
/// query or label text), with optional fraction and exponent (`1515531081`, `1515531081.123`,
/// `1.515531081123E9`).
///
/// The value is exact (no float rounding); digits below a millisecond are truncated toward the
/// past, matching [`DateTime`]'s floored seconds. Quotes, `+`, hex, `NaN`/`Infinity` and trailing
/// characters are rejected, as are values beyond the `i64` seconds a [`DateTime`] holds.
pub fn parse_epoch_seconds(text: &str) -> ::std::result::Result<DateTime, DecodeError> {
    const KIND: &str = "epoch-seconds timestamp";
    let d = match decimal(text) {
        ::std::option::Option::Some(d) => d,
        ::std::option::Option::None => {
            return ::std::result::Result::Err(DecodeError::new(
                KIND,
                "expected a decimal number of seconds such as 1515531081 or 1515531081.123",
            ));
        }
    };
    if d.digits.is_empty() {
        return ::std::result::Result::Ok(DateTime::from_secs(0));
    }
    if d.point > 19 {
        return ::std::result::Result::Err(DecodeError::new(KIND, "out of range"));
    }
    // Whole seconds and milliseconds of the magnitude, and whether anything was truncated.
    let digit = |i: i64| u128::from(d.digits.get(i as usize).copied().unwrap_or(0));
    // The first `point + 3` digits of 0.DIGITS x 10^point are the whole milliseconds.
    let kept = (d.point + 3).max(0);
    let mut magnitude_millis: u128 = 0;
    for i in 0..kept {
        magnitude_millis = magnitude_millis * 10 + digit(i);
    }
    let kept = kept as usize;
    let truncated = d.digits.len() > kept;
    let mut total_millis = magnitude_millis as i128;
    if d.negative {
        total_millis = -total_millis - i128::from(truncated);
    }
    let secs = total_millis.div_euclid(1000);
    let millis = total_millis.rem_euclid(1000) as u32;
    match i64::try_from(secs) {
        ::std::result::Result::Ok(secs) => {
            ::std::result::Result::Ok(DateTime::from_secs_and_nanos(secs, millis * 1_000_000))
        }
        ::std::result::Result::Err(_) => ::std::result::Result::Err(DecodeError::new(KIND, "out of range")),
    }
}

/// A cursor over ASCII text for the fixed-layout timestamp formats.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, count: usize) -> ::std::option::Option<u32> {
        let slice = self.bytes.get(self.pos..self.pos + count)?;
        if !slice.iter().all(u8::is_ascii_digit) {
            return ::std::option::Option::None;
        }
        self.pos += count;
        ::std::option::Option::Some(slice.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
    }

    fn eat(&mut self, expected: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(expected) {
            self.pos += expected.len();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, options: &[u8]) -> ::std::option::Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        if options.contains(&b) {
            self.pos += 1;
            ::std::option::Option::Some(b)
        } else {
            ::std::option::Option::None
        }
    }

    /// `.digits` if present: the milliseconds (further digits truncated). `Err` for a bare `.`.
    fn fraction(&mut self) -> ::std::result::Result<u32, ()> {
        if !self.eat(b".") {
            return ::std::result::Result::Ok(0);
        }
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        if self.pos == start {
            return ::std::result::Result::Err(());
        }
        let digits = &self.bytes[start..self.pos];
        ::std::result::Result::Ok((0..3).fold(0, |n, i| n * 10 + digits.get(i).map_or(0, |&b| u32::from(b - b'0'))))
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// Seconds since the epoch of validated civil fields, or an error naming the bad field.
fn civil_seconds(
    kind: &'static str,
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> ::std::result::Result<i64, DecodeError> {
    let year = i64::from(year);
    if year == 0 {
        return ::std::result::Result::Err(DecodeError::new(
            kind,
            "year 0000 is before 0001, the first year of the timestamp range",
        ));
    }
    if !(1..=12).contains(&month) {
        return ::std::result::Result::Err(DecodeError::new(kind, "month out of range"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return ::std::result::Result::Err(DecodeError::new(kind, "day does not exist in that month"));
    }
    if hour > 23 {
        return ::std::result::Result::Err(DecodeError::new(kind, "hour out of range (00-23)"));
    }
    if minute > 59 {
        return ::std::result::Result::Err(DecodeError::new(kind, "minute out of range (00-59)"));
    }
    if second > 59 {
        // RFC 3339 allows leap second 60, but Unix time (and so DateTime) cannot represent it.
        return ::std::result::Result::Err(DecodeError::new(
            kind,
            "second out of range (00-59; leap seconds are not supported)",
        ));
    }
    ::std::result::Result::Ok(
        days_from_civil(year, month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second),
    )
}

/// Parse the `date-time` format: an RFC 3339 `date-time`, `YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)`.
///
/// As the Smithy `timestampFormat` rules require, offsets are accepted and normalized to UTC
/// (`2019-12-17T00:48:18+01:00` is `2019-12-16T23:48:18Z`). `t` and `z` may be lowercase
/// (RFC 3339 section 5.6). Any number of fraction digits is accepted; digits below a millisecond
/// are truncated. Rejected: other ISO 8601 shapes (basic format, missing seconds or zone, a
/// space instead of `T`, `+00` offsets, bracketed zone names), impossible dates and times
/// (February 30, hour 24, leap second 60), and instants outside 0001-9999 after normalization.
pub fn parse_date_time(text: &str) -> ::std::result::Result<DateTime, DecodeError> {
    const KIND: &str = "date-time timestamp";
    let shape = || DecodeError::new(KIND, "expected RFC 3339 'YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)'");
    let mut c = Cursor { bytes: text.as_bytes(), pos: 0 };
    let year = c.digits(4).ok_or_else(shape)?;
    let month = (c.eat(b"-")).then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let day = (c.eat(b"-")).then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    c.eat_any(b"Tt").ok_or_else(shape)?;
    let hour = c.digits(2).ok_or_else(shape)?;
    let minute = (c.eat(b":")).then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let second = (c.eat(b":")).then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let millis = c.fraction().map_err(|()| shape())?;
    let offset = match c.eat_any(b"Zz+-").ok_or_else(shape)? {
        sign @ (b'+' | b'-') => {
            let hours = c.digits(2).ok_or_else(shape)?;
            let minutes = (c.eat(b":")).then(|| c.digits(2)).flatten().ok_or_else(shape)?;
            if hours > 23 || minutes > 59 {
                return ::std::result::Result::Err(DecodeError::new(KIND, "UTC offset out of range"));
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if sign == b'+' { seconds } else { -seconds }
        }
        _ => 0,
    };
    if !c.at_end() {
        return ::std::result::Result::Err(shape());
    }
    let local = civil_seconds(KIND, year, month, day, hour, minute, second)?;
    let secs = local - offset;
    if !(MIN_SECS..=MAX_SECS).contains(&secs) {
        return ::std::result::Result::Err(DecodeError::new(
            KIND,
            "outside 0001-01-01 to 9999-12-31 once converted to UTC",
        ));
    }
    ::std::result::Result::Ok(DateTime::from_secs_and_nanos(secs, millis * 1_000_000))
}

/// Parse the `http-date` format: RFC 9110 IMF-fixdate, `Tue, 29 Apr 2014 18:30:38 GMT`.
///
/// Case-sensitive, single spaces, two-digit day, four-digit year, `GMT` only. Optional
/// fractional seconds (`20:34:56.123`) are accepted, as Smithy's `timestampFormat` rules
/// require; digits below a millisecond are truncated. The day name must be one of the seven
/// but, as in most HTTP stacks, is not checked against the date. The obsolete RFC 850 and
/// asctime forms are rejected.
pub fn parse_http_date(text: &str) -> ::std::result::Result<DateTime, DecodeError> {
    const KIND: &str = "http-date timestamp";
    let shape = || DecodeError::new(KIND, "expected IMF-fixdate 'Www, DD Mmm YYYY HH:MM:SS GMT'");
    let bytes = text.as_bytes();
    let weekday = bytes.get(..3).ok_or_else(shape)?;
    if !WEEKDAYS.iter().any(|name| name.as_bytes() == weekday) {
        return ::std::result::Result::Err(shape());
    }
    let mut c = Cursor { bytes, pos: 3 };
    if !c.eat(b", ") {
        return ::std::result::Result::Err(shape());
    }
    let day = c.digits(2).ok_or_else(shape)?;
    if !c.eat(b" ") {
        return ::std::result::Result::Err(shape());
    }
    let month_name = bytes.get(c.pos..c.pos + 3).ok_or_else(shape)?;
    let month = MONTHS.iter().position(|name| name.as_bytes() == month_name).ok_or_else(shape)? as u32 + 1;
    c.pos += 3;
    let year = c.eat(b" ").then(|| c.digits(4)).flatten().ok_or_else(shape)?;
    let hour = c.eat(b" ").then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let minute = c.eat(b":").then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let second = c.eat(b":").then(|| c.digits(2)).flatten().ok_or_else(shape)?;
    let millis = c.fraction().map_err(|()| shape())?;
    if !c.eat(b" GMT") || !c.at_end() {
        return ::std::result::Result::Err(shape());
    }
    let secs = civil_seconds(KIND, year, month, day, hour, minute, second)?;
    ::std::result::Result::Ok(DateTime::from_secs_and_nanos(secs, millis * 1_000_000))
}

// ---------------------------------------------------------------------------------------------
// Scalars in headers, query strings and labels
// ---------------------------------------------------------------------------------------------

fn push_finite<T: ::std::fmt::Display + ::std::fmt::LowerExp>(
    out: &mut ::std::string::String,
    value: T,
    exponent_form: bool,
) {
    use ::std::fmt::Write as _;
    if exponent_form {
        let _ = write!(out, "{value:e}");
    } else {
        let start = out.len();
        let _ = write!(out, "{value}");
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    }
}

/// A `double` as header, query or label text: the shortest round-trip decimal (`1.1`, `1.0`,
/// `1e21`), or `NaN`, `Infinity`, `-Infinity`. Same text as the JSON writer.
pub fn format_f64(value: f64) -> ::std::string::String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let magnitude = value.abs();
    let mut out = ::std::string::String::new();
    push_finite(&mut out, value, magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude));
    out
}

/// A `float` as header, query or label text, with `f32` precision (`1.1f32` gives `1.1`).
pub fn format_f32(value: f32) -> ::std::string::String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let magnitude = value.abs();
    let mut out = ::std::string::String::new();
    push_finite(&mut out, value, magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude));
    out
}

/// A `boolean` from header, query or label text: exactly `true` or `false` (not `True`, `1`,
/// `yes`).
pub fn parse_bool(text: &str) -> ::std::result::Result<bool, DecodeError> {
    match text {
        "true" => ::std::result::Result::Ok(true),
        "false" => ::std::result::Result::Ok(false),
        _ => ::std::result::Result::Err(DecodeError::new("boolean", "expected 'true' or 'false'")),
    }
}

fn parse_integer(text: &str, kind: &'static str, min: i128, max: i128) -> ::std::result::Result<i128, DecodeError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return ::std::result::Result::Err(DecodeError::new(
            kind,
            "expected an optional '-' followed by decimal digits",
        ));
    }
    let significant = digits.trim_start_matches('0');
    let value = if significant.len() > 20 { ::std::option::Option::None } else { text.parse::<i128>().ok() };
    match value {
        ::std::option::Option::Some(v) if (min..=max).contains(&v) => ::std::result::Result::Ok(v),
        _ => ::std::result::Result::Err(DecodeError::new(kind, format!("out of range ({min} to {max})"))),
    }
}

/// A `byte` from header, query or label text: `-?[0-9]+` in range. No `+`, spaces, fraction,
/// exponent or hex; overflow is an error, never a wrap.
pub fn parse_i8(text: &str) -> ::std::result::Result<i8, DecodeError> {
    parse_integer(text, "byte", i128::from(i8::MIN), i128::from(i8::MAX)).map(|v| v as i8)
}

/// A `short` from header, query or label text; see [`parse_i8`].
pub fn parse_i16(text: &str) -> ::std::result::Result<i16, DecodeError> {
    parse_integer(text, "short", i128::from(i16::MIN), i128::from(i16::MAX)).map(|v| v as i16)
}

/// An `integer` from header, query or label text; see [`parse_i8`].
pub fn parse_i32(text: &str) -> ::std::result::Result<i32, DecodeError> {
    parse_integer(text, "integer", i128::from(i32::MIN), i128::from(i32::MAX)).map(|v| v as i32)
}

/// A `long` from header, query or label text; see [`parse_i8`].
pub fn parse_i64(text: &str) -> ::std::result::Result<i64, DecodeError> {
    parse_integer(text, "long", i128::from(i64::MIN), i128::from(i64::MAX)).map(|v| v as i64)
}

/// Whether `text` is a decimal number: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_decimal_text(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == ::std::option::Option::Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if b.get(i) == ::std::option::Option::Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), ::std::option::Option::Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), ::std::option::Option::Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// A `double` from header, query or label text: a decimal number (`1.1`, `-2e10`) or exactly
/// `NaN`, `Infinity`, `-Infinity`. Rejects `inf`, `nan`, hex, `+`, spaces and trailing characters,
/// and finite text too large for an `f64`.
pub fn parse_f64(text: &str) -> ::std::result::Result<f64, DecodeError> {
    match text {
        "NaN" => return ::std::result::Result::Ok(f64::NAN),
        "Infinity" => return ::std::result::Result::Ok(f64::INFINITY),
        "-Infinity" => return ::std::result::Result::Ok(f64::NEG_INFINITY),
        _ => {}
    }
    if !is_decimal_text(text) {
        return ::std::result::Result::Err(DecodeError::new(
            "double",
            "expected a decimal number, NaN, Infinity or -Infinity",
        ));
    }
    match text.parse::<f64>() {
        ::std::result::Result::Ok(v) if v.is_finite() => ::std::result::Result::Ok(v),
        _ => ::std::result::Result::Err(DecodeError::new("double", "out of range")),
    }
}

/// A `float` from header, query or label text, rounded directly to `f32`; see [`parse_f64`].
pub fn parse_f32(text: &str) -> ::std::result::Result<f32, DecodeError> {
    match text {
        "NaN" => return ::std::result::Result::Ok(f32::NAN),
        "Infinity" => return ::std::result::Result::Ok(f32::INFINITY),
        "-Infinity" => return ::std::result::Result::Ok(f32::NEG_INFINITY),
        _ => {}
    }
    if !is_decimal_text(text) {
        return ::std::result::Result::Err(DecodeError::new(
            "float",
            "expected a decimal number, NaN, Infinity or -Infinity",
        ));
    }
    match text.parse::<f32>() {
        ::std::result::Result::Ok(v) if v.is_finite() => ::std::result::Result::Ok(v),
        _ => ::std::result::Result::Err(DecodeError::new("float", "out of range")),
    }
}

// ---------------------------------------------------------------------------------------------
// Header lists
// ---------------------------------------------------------------------------------------------

/// One list item as written in a header: quoted items may contain commas.
struct HeaderItem {
    text: ::std::string::String,
    quoted: bool,
}

fn header_items(value: &str) -> ::std::result::Result<::std::vec::Vec<HeaderItem>, DecodeError> {
    const KIND: &str = "header list";
    let bytes = value.as_bytes();
    let is_ows = |b: u8| b == b' ' || b == b'\t';
    let mut items = ::std::vec::Vec::new();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(|&b| is_ows(b)) {
            i += 1;
        }
        match bytes.get(i) {
            ::std::option::Option::None => break,
            // An empty element: RFC 9110 section 5.6.1 says to ignore it.
            ::std::option::Option::Some(b',') => i += 1,
            ::std::option::Option::Some(b'"') => {
                i += 1;
                let mut text = ::std::string::String::new();
                loop {
                    let run = i;
                    while bytes.get(i).is_some_and(|&b| b != b'"' && b != b'\\') {
                        i += 1;
                    }
                    text.push_str(&value[run..i]);
                    match bytes.get(i) {
                        ::std::option::Option::None => {
                            return ::std::result::Result::Err(DecodeError::new(KIND, "unterminated quoted string"));
                        }
                        ::std::option::Option::Some(b'"') => {
                            i += 1;
                            break;
                        }
                        _ => {
                            // A quoted-pair: the backslash escapes the next character.
                            i += 1;
                            match value[i..].chars().next() {
                                ::std::option::Option::Some(c) => {
                                    text.push(c);
                                    i += c.len_utf8();
                                }
                                ::std::option::Option::None => {
                                    return ::std::result::Result::Err(DecodeError::new(
                                        KIND,
                                        "unterminated quoted string",
                                    ));
                                }
                            }
                        }
                    }
                }
                while bytes.get(i).is_some_and(|&b| is_ows(b)) {
                    i += 1;
                }
                match bytes.get(i) {
                    ::std::option::Option::None => {}
                    ::std::option::Option::Some(b',') => i += 1,
                    ::std::option::Option::Some(_) => {
                        return ::std::result::Result::Err(DecodeError::new(KIND, "characters after a quoted string"));
                    }
                }
                items.push(HeaderItem { text, quoted: true });
            }
            ::std::option::Option::Some(_) => {
                let start = i;
                while bytes.get(i).is_some_and(|&b| b != b',') {
                    i += 1;
                }
                let text = value[start..i].trim_end_matches([' ', '\t']);
                items.push(HeaderItem { text: text.to_owned(), quoted: false });
                if i < bytes.len() {
                    i += 1;
                }
            }
        }
    }
    ::std::result::Result::Ok(items)
}

/// Split a header list value (`a, b, c`) into its items.
///
/// Items are separated by commas with optional spaces or tabs around them. An item in double
/// quotes may contain commas, and `\"` and `\\` inside it stand for `"` and `\` (RFC 9110
/// quoted-string; `"b,c", "\"def\"", a` gives `b,c`, `"def"`, `a`). Empty elements are ignored
/// as RFC 9110 section 5.6.1 requires, so an empty header gives no items; a quoted `""` is an
/// empty item. An unterminated quote or text after a closing quote is an error.
///
/// Do not use this for lists of `http-date` timestamps, whose items contain an unquoted comma;
/// see [`split_http_date_list`].
pub fn split_header_list(value: &str) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, DecodeError> {
    header_items(value).map(|items| items.into_iter().map(|item| item.text).collect())
}

/// Split a header list of `http-date` timestamps, whose items are not quoted although each
/// contains a comma: `Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT` gives two
/// items. An unquoted item that is a day name (`Mon` ... `Sun`) is joined with the item after it;
/// quoted items are taken as they are. Parse each item with [`parse_http_date`].
pub fn split_http_date_list(value: &str) -> ::std::result::Result<::std::vec::Vec<::std::string::String>, DecodeError> {
    let mut out = ::std::vec::Vec::new();
    let mut items = header_items(value)?.into_iter().peekable();
    while let ::std::option::Option::Some(item) = items.next() {
        let is_day = !item.quoted && WEEKDAYS.contains(&item.text.as_str());
        match items.peek() {
            ::std::option::Option::Some(next) if is_day && !next.quoted => {
                out.push(format!("{}, {}", item.text, next.text));
                items.next();
            }
            _ => out.push(item.text),
        }
    }
    ::std::result::Result::Ok(out)
}

/// One item of a header list, quoted when [`split_header_list`] would otherwise not give it back
/// unchanged: when it contains `,` or `"`, starts or ends with a space or tab, or is empty.
/// Inside the quotes `"` and `\` are escaped with a backslash (`"def"` gives `"\"def\""`).
///
/// Join the items with `", "`. Never quote `http-date` timestamps: the protocol sends them bare.
pub fn quote_header_list_item(item: &str) -> ::std::borrow::Cow<'_, str> {
    let needs_quotes =
        item.is_empty() || item.contains([',', '"']) || item.starts_with([' ', '\t']) || item.ends_with([' ', '\t']);
    if !needs_quotes {
        return ::std::borrow::Cow::Borrowed(item);
    }
    let mut out = ::std::string::String::with_capacity(item.len() + 2);
    out.push('"');
    for c in item.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    ::std::borrow::Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------
// Errors from the service
// ---------------------------------------------------------------------------------------------

/// Reduce an error code as services send it to the error shape's name, per the restJson1 rules:
/// take what is before the first `:`, then what is after the first `#`.
///
/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/`
/// gives `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = match raw.find(':') {
        ::std::option::Option::Some(i) => &raw[..i],
        ::std::option::Option::None => raw,
    };
    match before_colon.find('#') {
        ::std::option::Option::Some(i) => &before_colon[i + 1..],
        ::std::option::Option::None => before_colon,
    }
}

// ---------------------------------------------------------------------------------------------
// Idempotency tokens
// ---------------------------------------------------------------------------------------------

/// A fresh idempotency token: a random (version 4) UUID, lowercase and hyphenated, such as
/// `0b8a1c3e-5f27-4d1a-9c7e-2f6b3a9d8e41`.
///
/// Built from `std` alone: the 122 random bits come from SipHash keyed by
/// [`RandomState`](::std::collections::hash_map::RandomState), whose keys `std` seeds from the
/// operating system's randomness (once per thread, then varied per instance), applied to a
/// process-wide counter, the thread and the current time. The counter makes every input within
/// a process distinct, the OS-seeded keys make processes differ, and SipHash spreads any input
/// difference over all output bits, so two tokens collide with about the probability of two
/// random UUIDs. That is what idempotency needs (telling retries of one request from new
/// requests); the tokens are not meant to be secret or unpredictable, so do not use them as
/// cryptographic nonces or credentials.
pub fn new_idempotency_token() -> ::std::string::String {
    use ::std::hash::{BuildHasher as _, Hash as _, Hasher as _};
    #[cfg(feature = "test-util")]
    if let ::std::option::Option::Some(token) = FIXED_IDEMPOTENCY_TOKEN.with(::std::cell::Cell::get) {
        return token.to_string();
    }
    static COUNTER: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
    let nanos = ::std::time::SystemTime::now().duration_since(::std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let state = ::std::collections::hash_map::RandomState::new();
    let half = |lane: u8| {
        let mut hasher = state.build_hasher();
        lane.hash(&mut hasher);
        count.hash(&mut hasher);
        nanos.hash(&mut hasher);
        ::std::thread::current().id().hash(&mut hasher);
        hasher.finish()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&half(0).to_be_bytes());
    bytes[8..].copy_from_slice(&half(1).to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let mut out = ::std::string::String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Exact comparison of two decimal numbers written as text (`-12.50`, `1e3`, `0.1`); `None` when
/// either is not a number.
pub fn decimal_cmp(a: &str, b: &str) -> ::std::option::Option<::std::cmp::Ordering> {
    let a = ExactDecimal::parse(a)?;
    let b = ExactDecimal::parse(b)?;
    ::std::option::Option::Some(a.cmp(&b))
}

/// A decimal as sign, digits without leading/trailing zeros, and the power of ten of the first digit.
#[derive(::std::cmp::PartialEq, ::std::cmp::Eq)]
struct ExactDecimal {
    negative: bool,
    digits: ::std::vec::Vec<u8>,
    exponent: i64,
}

impl ExactDecimal {
    fn parse(text: &str) -> ::std::option::Option<ExactDecimal> {
        let text = text.trim();
        let (negative, rest) = match text.strip_prefix('-') {
            ::std::option::Option::Some(rest) => (true, rest),
            ::std::option::Option::None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            ::std::option::Option::Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
            ::std::option::Option::None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return ::std::option::Option::None;
        }
        let mut digits: ::std::vec::Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let mut exponent = exp.checked_add(int.len() as i64)?;
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        exponent -= leading as i64;
        while digits.last() == ::std::option::Option::Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            return ::std::option::Option::Some(ExactDecimal { negative: false, digits, exponent: 0 });
        }
        ::std::option::Option::Some(ExactDecimal { negative, digits, exponent })
    }

    fn cmp_magnitude(&self, other: &ExactDecimal) -> ::std::cmp::Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return ::std::cmp::Ordering::Equal,
            (true, false) => return ::std::cmp::Ordering::Less,
            (false, true) => return ::std::cmp::Ordering::Greater,
            (false, false) => {}
        }
        self.exponent.cmp(&other.exponent).then_with(|| self.digits.cmp(&other.digits))
    }
}

impl ::std::cmp::PartialOrd for ExactDecimal {
    fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
        ::std::option::Option::Some(self.cmp(other))
    }
}

impl ::std::cmp::Ord for ExactDecimal {
    fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
        match (self.negative, other.negative) {
            (false, true) => ::std::cmp::Ordering::Greater,
            (true, false) => ::std::cmp::Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

#[cfg(feature = "test-util")]
thread_local! {
    /// The token [`new_idempotency_token`] returns on this thread while a test fixes it (see
    /// `testing::with_idempotency_token`).
    pub(crate) static FIXED_IDEMPOTENCY_TOKEN: ::std::cell::Cell<::std::option::Option<&'static str>> = const { ::std::cell::Cell::new(::std::option::Option::None) };
}
