//! A generated HTTP response, and the file format that reproduces one.
//!
//! The file reads like an HTTP/1.1 response without the version: a first line
//! `<operation> <status>`, one `name: value` line per header, an empty line, then the body as
//! raw bytes. Header values never hold a line break ([`http::HeaderValue`] refuses control
//! characters), so the first empty line always ends the headers.

/// One response for one operation of a protocol target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInput {
    /// The operation whose `parse_response` reads it (the Smithy shape name).
    pub operation: String,
    /// The HTTP status, 100..=999 (what [`http::StatusCode`] can hold).
    pub status: u16,
    /// Headers in order; names repeat when a header is sent twice.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: Vec<u8>,
}

impl ResponseInput {
    /// The bytes of a reproduction file.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = format!("{} {}\n", self.operation, self.status).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.push(b'\n');
        }
        out.push(b'\n');
        out.extend_from_slice(&self.body);
        out
    }

    /// Read a reproduction file back.
    pub fn decode(bytes: &[u8]) -> Option<ResponseInput> {
        let end = bytes.windows(2).position(|w| w == b"\n\n")?;
        let mut lines: Vec<&[u8]> = bytes[..end].split(|&b| b == b'\n').collect();
        let first = std::str::from_utf8(lines.remove(0)).ok()?;
        let (operation, status) = first.rsplit_once(' ')?;
        let headers = lines
            .into_iter()
            .filter_map(|line| {
                let colon = line.windows(2).position(|w| w == b": ")?;
                Some((String::from_utf8_lossy(&line[..colon]).into_owned(), line[colon + 2..].to_vec()))
            })
            .collect();
        Some(ResponseInput { operation: operation.to_string(), status: status.parse().ok()?, headers, body: bytes[end + 2..].to_vec() })
    }

    /// The `http::Response` a client would hand the parser. Headers `http` refuses (what a
    /// real HTTP stack would also refuse) are left out; the generator rarely makes them.
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_bytes(value)) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

/// Whether `http` accepts this header, so the generator only keeps headers that arrive.
pub fn valid_header(name: &str, value: &[u8]) -> bool {
    http::HeaderName::from_bytes(name.as_bytes()).is_ok() && http::HeaderValue::from_bytes(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trips() {
        let input = ResponseInput {
            operation: "JsonUnions".into(),
            status: 503,
            headers: vec![("x-a".into(), b"1".to_vec()), ("x-a".into(), vec![0xff, b' ', b'b'])],
            body: b"\n\n{\"a\":1}\n".to_vec(),
        };
        assert_eq!(ResponseInput::decode(&input.encode()), Some(input.clone()));
        let http = input.to_http();
        assert_eq!(http.status(), 503);
        assert_eq!(http.headers().get_all("x-a").iter().count(), 2);
    }
}
