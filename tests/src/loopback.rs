//! A scripted HTTP/1.1 test server on 127.0.0.1 (ephemeral port), std threads only.
//!
//! Each incoming request, in arrival order across all connections, gets the next [`Reply`] of
//! the script; once the script is used up, [`AfterScript`] decides (by default the last reply
//! repeats). Every request is recorded ([`Server::requests`]) and can be checked against SigV4
//! with a known secret ([`Server::verify_with`], using [`crate::sigv4`]).
//!
//! HTTP handled: `Content-Length` and `chunked` request bodies, `Expect: 100-continue`, several
//! requests per keep-alive connection, `Connection: close` (and HTTP/1.0) closing after the
//! response, folded header lines joined with a space, `HEAD` answered without a body.
//!
//! Bounded: it binds only 127.0.0.1, polls a stop flag at least every 20 ms, stops and joins
//! all its threads when dropped, and also stops by itself after [`Options::lifetime`] or after
//! [`Options::max_requests`] requests.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::sigv4::{self, SignatureInfo};

const POLL: Duration = Duration::from_millis(20);
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 64 * 1024 * 1024;

/// One scripted response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Response headers, written in order. `Content-Length` is added when absent.
    pub headers: Vec<(String, String)>,
    /// Response body (not written for `HEAD`).
    pub body: Vec<u8>,
    /// Wait this long (after reading the whole request) before answering.
    pub delay: Duration,
    /// Close the connection after this reply (adds `Connection: close`).
    pub close: bool,
    /// When set, these bytes are written instead of a formatted response, and the connection is
    /// closed: malformed responses, or an empty vector to hang up without answering.
    pub raw: Option<Vec<u8>>,
}

impl Reply {
    /// `status` with no headers, no body, no delay.
    pub fn new(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            close: false,
            raw: None,
        }
    }

    /// `status` with a JSON body and `Content-Type: application/json`.
    pub fn json(status: u16, body: &str) -> Self {
        Reply::new(status)
            .header("Content-Type", "application/json")
            .body(body)
    }

    /// Writes `bytes` verbatim, then closes the connection.
    pub fn raw(bytes: impl Into<Vec<u8>>) -> Self {
        Reply {
            raw: Some(bytes.into()),
            ..Reply::new(0)
        }
    }

    /// Closes the connection without writing anything.
    pub fn hang_up() -> Self {
        Reply::raw(Vec::new())
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sets the delay before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Closes the connection after this reply.
    pub fn close(mut self) -> Self {
        self.close = true;
        self
    }
}

/// What to answer once the script is used up.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum AfterScript {
    /// The last scripted reply again (an empty script answers `200` with no body).
    #[default]
    RepeatLast,
    /// This reply for every further request.
    Reply(Reply),
}

/// Server settings beyond the script.
#[derive(Clone, Debug)]
pub struct Options {
    /// What to answer after the script.
    pub after_script: AfterScript,
    /// The server stops by itself after this long.
    pub lifetime: Duration,
    /// The server stops reading requests after this many (further connections are closed).
    pub max_requests: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            after_script: AfterScript::RepeatLast,
            lifetime: Duration::from_secs(300),
            max_requests: 10_000,
        }
    }
}

/// One request as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// Arrival position, from 0.
    pub index: usize,
    /// Which connection it came on (connections numbered from 0 in accept order).
    pub connection: usize,
    /// Method as on the request line.
    pub method: String,
    /// Path as on the request line (still percent-encoded), without the query.
    pub path: String,
    /// Raw query after `?`, empty when none.
    pub query: String,
    /// Headers in arrival order, names as sent, values with surrounding spaces/tabs removed.
    pub headers: Vec<(String, String)>,
    /// The body (chunked bodies decoded).
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as UTF-8 (lossy).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// This request in the form the SigV4 verifier takes.
    pub fn sigv4_request(&self) -> sigv4::Request<'_> {
        sigv4::Request {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            headers: &self.headers,
            body: &self.body,
        }
    }

    /// Verifies this request's SigV4 signature, whatever its access key, with `secret`.
    pub fn verify(&self, secret: &str) -> Result<SignatureInfo, String> {
        sigv4::verify(&self.sigv4_request(), |_| Some(secret.to_owned()))
    }
}

struct State {
    recorded: Vec<Recorded>,
}

struct Shared {
    stop: AtomicBool,
    deadline: Instant,
    script: Vec<Reply>,
    options: Options,
    state: Mutex<State>,
    arrived: Condvar,
    connections: Mutex<Vec<JoinHandle<()>>>,
    connection_count: AtomicUsize,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || Instant::now() >= self.deadline
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn reply_for(&self, index: usize) -> Reply {
        if let Some(reply) = self.script.get(index) {
            return reply.clone();
        }
        match &self.options.after_script {
            AfterScript::Reply(reply) => reply.clone(),
            AfterScript::RepeatLast => self
                .script
                .last()
                .cloned()
                .unwrap_or_else(|| Reply::new(200)),
        }
    }
}

/// The running server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `script` with default [`Options`] (last reply repeats).
    pub fn start(script: Vec<Reply>) -> Server {
        Server::start_with(script, Options::default())
    }

    /// Starts serving `script` with `options`.
    pub fn start_with(script: Vec<Reply>, options: Options) -> Server {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            deadline: Instant::now() + options.lifetime,
            script,
            options,
            state: Mutex::new(State {
                recorded: Vec::new(),
            }),
            arrived: Condvar::new(),
            connections: Mutex::new(Vec::new()),
            connection_count: AtomicUsize::new(0),
        });
        let for_acceptor = Arc::clone(&shared);
        let acceptor = thread::Builder::new()
            .name(format!("loopback-accept-{}", addr.port()))
            .spawn(move || accept_loop(listener, for_acceptor))
            .expect("spawn acceptor");
        Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.state().recorded.clone()
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connection_count.load(Ordering::SeqCst)
    }

    /// Waits until at least `count` requests arrived or `timeout` passed; true when they did.
    pub fn wait_for_requests(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.state();
        while state.recorded.len() < count {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            state = self
                .shared
                .arrived
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }

    /// The SigV4 verification of every recorded request (in arrival order) with `secret` as
    /// the secret of whatever access key it names.
    pub fn verify_with(&self, secret: &str) -> Vec<Result<SignatureInfo, String>> {
        self.requests().iter().map(|r| r.verify(secret)).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        let handles = std::mem::take(
            &mut *self
                .shared
                .connections
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        for handle in handles {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    while !shared.stopping() {
        match listener.accept() {
            Ok((stream, peer)) => {
                if !peer.ip().is_loopback()
                    || shared.state().recorded.len() >= shared.options.max_requests
                {
                    let _ = stream.shutdown(Shutdown::Both);
                    continue;
                }
                let id = shared.connection_count.fetch_add(1, Ordering::SeqCst);
                let for_connection = Arc::clone(&shared);
                let spawned = thread::Builder::new()
                    .name(format!("loopback-conn-{id}"))
                    .spawn(move || Connection::new(stream, id, for_connection).serve());
                if let Ok(handle) = spawned {
                    shared
                        .connections
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(handle);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(2))
            }
            Err(_) => thread::sleep(POLL),
        }
    }
}

struct Head {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    http10: bool,
}

impl Head {
    fn values(&self, name: &str) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn has_token(&self, name: &str, token: &str) -> bool {
        self.values(name)
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }
}

struct Connection {
    stream: TcpStream,
    id: usize,
    buf: Vec<u8>,
    shared: Arc<Shared>,
}

impl Connection {
    fn new(stream: TcpStream, id: usize, shared: Arc<Shared>) -> Self {
        Connection {
            stream,
            id,
            buf: Vec::new(),
            shared,
        }
    }

    fn serve(mut self) {
        let _ = self.stream.set_nonblocking(false);
        let _ = self.stream.set_read_timeout(Some(POLL));
        let _ = self.stream.set_nodelay(true);
        while self.serve_one() {}
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    /// Reads more bytes into the buffer; false on end of stream, error or stop.
    fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if self.shared.stopping() {
                return false;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return false,
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return true;
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(_) => return false,
            }
        }
    }

    /// Takes one CRLF-terminated line (without the CRLF) from the buffer, reading as needed.
    fn line(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n") {
                let line = self.buf[..end].to_vec();
                self.buf.drain(..end + 2);
                return Some(line);
            }
            if self.buf.len() > MAX_HEAD || !self.fill() {
                return None;
            }
        }
    }

    fn take(&mut self, n: usize) -> Option<Vec<u8>> {
        while self.buf.len() < n {
            if !self.fill() {
                return None;
            }
        }
        Some(self.buf.drain(..n).collect())
    }

    fn respond_error(&mut self, status: u16, message: &str) {
        let text = format!(
            "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{message}",
            reason(status),
            message.len()
        );
        let _ = self.stream.write_all(text.as_bytes());
    }

    /// Serves one request; false when the connection is to close.
    fn serve_one(&mut self) -> bool {
        // The head, up to the blank line.
        let head_end = loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                break end;
            }
            if self.buf.len() > MAX_HEAD {
                self.respond_error(431, "request head too large");
                return false;
            }
            if !self.fill() {
                return false;
            }
        };
        let head_bytes: Vec<u8> = self.buf.drain(..head_end + 4).collect();
        let head = match parse_head(&head_bytes[..head_end]) {
            Ok(head) => head,
            Err(message) => {
                self.respond_error(400, &message);
                return false;
            }
        };

        if head.has_token("expect", "100-continue") && !head.http10 {
            let _ = self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }

        let body = if head.has_token("transfer-encoding", "chunked") {
            match self.chunked_body() {
                Some(body) => body,
                None => return false,
            }
        } else {
            let lengths: Vec<&str> = head.values("content-length").collect();
            let length = match lengths.as_slice() {
                [] => 0,
                [one, rest @ ..] if rest.iter().all(|r| r == one) => {
                    match one.trim().parse::<usize>() {
                        Ok(n) if n <= MAX_BODY => n,
                        _ => {
                            self.respond_error(400, "bad Content-Length");
                            return false;
                        }
                    }
                }
                _ => {
                    self.respond_error(400, "conflicting Content-Length headers");
                    return false;
                }
            };
            match self.take(length) {
                Some(body) => body,
                None => return false,
            }
        };

        let client_closes = head.has_token("connection", "close")
            || (head.http10 && !head.has_token("connection", "keep-alive"));
        let is_head = head.method == "HEAD";
        let reply = {
            let mut state = self.shared.state();
            let index = state.recorded.len();
            if index >= self.shared.options.max_requests {
                return false;
            }
            state.recorded.push(Recorded {
                index,
                connection: self.id,
                method: head.method,
                path: head.path,
                query: head.query,
                headers: head.headers,
                body,
            });
            self.shared.arrived.notify_all();
            self.shared.reply_for(index)
        };

        let wake = Instant::now() + reply.delay;
        while Instant::now() < wake {
            if self.shared.stopping() {
                return false;
            }
            thread::sleep(POLL.min(wake.saturating_duration_since(Instant::now())));
        }

        if let Some(raw) = &reply.raw {
            let _ = self.stream.write_all(raw);
            let _ = self.stream.flush();
            return false;
        }
        let close = client_closes || reply.close;
        let mut out =
            format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status)).into_bytes();
        for (name, value) in &reply.headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        let has = |name: &str| {
            reply
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(name))
        };
        if !has("content-length") && !has("transfer-encoding") {
            out.extend_from_slice(format!("Content-Length: {}\r\n", reply.body.len()).as_bytes());
        }
        if close && !has("connection") {
            out.extend_from_slice(b"Connection: close\r\n");
        }
        out.extend_from_slice(b"\r\n");
        if !is_head {
            out.extend_from_slice(&reply.body);
        }
        if self
            .stream
            .write_all(&out)
            .and_then(|()| self.stream.flush())
            .is_err()
        {
            return false;
        }
        !close
    }

    fn chunked_body(&mut self) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let line = self.line()?;
            let line = String::from_utf8(line).ok()?;
            let size_text = line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_text, 16).ok()?;
            if size == 0 {
                // Trailer fields, up to the blank line; ignored.
                while !self.line()?.is_empty() {}
                return Some(body);
            }
            if body.len() + size > MAX_BODY {
                return None;
            }
            let chunk = self.take(size + 2)?;
            if &chunk[size..] != b"\r\n" {
                return None;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn parse_head(bytes: &[u8]) -> Result<Head, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "request head is not UTF-8".to_owned())?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts.as_slice() else {
        return Err(format!("bad request line {request_line:?}"));
    };
    let http10 = match *version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        other => return Err(format!("unsupported version {other:?}")),
    };
    if method.is_empty() || !target.starts_with('/') {
        return Err(format!("bad request line {request_line:?}"));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers
                .last_mut()
                .ok_or("continuation line before any header")?;
            let more = line.trim_matches([' ', '\t']);
            if !more.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(more);
            }
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("header line without colon: {line:?}"))?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(format!("bad header name {name:?}"));
        }
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    Ok(Head {
        method: (*method).to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        http10,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::{TestKey, sign_for_test};

    const TIMEOUT: Duration = Duration::from_secs(10);

    fn connect(server: &Server) -> TcpStream {
        let stream = TcpStream::connect(server.addr()).expect("connect");
        stream.set_read_timeout(Some(TIMEOUT)).expect("timeout");
        stream
    }

    /// A response read by the tests: status, headers, body (by Content-Length).
    struct Response {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Response {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    /// Reads one response; `pending` keeps bytes past it for the next call.
    fn read_response(
        stream: &mut TcpStream,
        pending: &mut Vec<u8>,
        head_request: bool,
    ) -> Response {
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(end) = find(pending, b"\r\n\r\n") {
                break end;
            }
            let n = stream.read(&mut chunk).expect("read response head");
            assert!(n > 0, "connection closed before a response head");
            pending.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8(pending[..head_end].to_vec()).expect("utf-8 head");
        pending.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().expect("status line");
        let status = status_line
            .split(' ')
            .nth(1)
            .expect("status")
            .parse()
            .expect("numeric status");
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (n, v) = l.split_once(':').expect("colon");
                (n.to_owned(), v.trim().to_owned())
            })
            .collect();
        let length: usize = if head_request {
            0
        } else {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().expect("length"))
        };
        while pending.len() < length {
            let n = stream.read(&mut chunk).expect("read body");
            assert!(n > 0, "connection closed inside a body");
            pending.extend_from_slice(&chunk[..n]);
        }
        let body = pending.drain(..length).collect();
        Response {
            status,
            headers,
            body,
        }
    }

    fn assert_closed(stream: &mut TcpStream) {
        let mut byte = [0u8; 1];
        match stream.read(&mut byte) {
            Ok(0) => {}
            Ok(_) => panic!("expected the server to close the connection, got more bytes"),
            Err(e) => assert!(
                e.kind() == io::ErrorKind::ConnectionReset,
                "expected close, got {e}"
            ),
        }
    }

    #[test]
    fn serves_the_script_in_order_then_repeats_the_last_reply() {
        let server = Server::start(vec![
            Reply::json(200, "{\"n\":1}"),
            Reply::new(503).header("Retry-After", "0"),
            Reply::new(204),
        ]);
        assert!(server.url().starts_with("http://127.0.0.1:"));
        let mut statuses = Vec::new();
        for i in 0..5 {
            let mut stream = connect(&server);
            write!(
                stream,
                "GET /item/{i}?a=1&b=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .expect("write");
            let mut pending = Vec::new();
            let response = read_response(&mut stream, &mut pending, false);
            if i == 0 {
                assert_eq!(response.body, b"{\"n\":1}");
                assert_eq!(response.header("content-type"), Some("application/json"));
            }
            if i == 1 {
                assert_eq!(response.header("retry-after"), Some("0"));
            }
            assert_eq!(response.header("connection"), Some("close"));
            assert_closed(&mut stream);
            statuses.push(response.status);
        }
        assert_eq!(statuses, [200, 503, 204, 204, 204]);
        let requests = server.requests();
        assert_eq!(requests.len(), 5);
        for (i, r) in requests.iter().enumerate() {
            assert_eq!((r.index, r.connection), (i, i));
            assert_eq!(r.method, "GET");
            assert_eq!(r.path, format!("/item/{i}"));
            assert_eq!(r.query, "a=1&b=2");
            assert_eq!(r.header("HOST"), Some("x"));
        }
        assert_eq!(server.connections(), 5);
    }

    #[test]
    fn keep_alive_serves_several_requests_on_one_connection() {
        let server = Server::start(vec![
            Reply::new(200).body("one"),
            Reply::new(200).body("two"),
            Reply::new(200).body("three"),
        ]);
        let mut stream = connect(&server);
        let mut pending = Vec::new();
        // Two pipelined requests in one write, then a third after reading.
        stream
            .write_all(b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloPUT /b HTTP/1.1\r\nHost: x\r\ncontent-length: 0\r\n\r\n")
            .expect("write");
        assert_eq!(read_response(&mut stream, &mut pending, false).body, b"one");
        assert_eq!(read_response(&mut stream, &mut pending, false).body, b"two");
        stream
            .write_all(b"DELETE /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("write");
        let third = read_response(&mut stream, &mut pending, false);
        assert_eq!(third.body, b"three");
        assert_closed(&mut stream);

        let requests = server.requests();
        let summary: Vec<(&str, &str, &[u8], usize)> = requests
            .iter()
            .map(|r| {
                (
                    r.method.as_str(),
                    r.path.as_str(),
                    r.body.as_slice(),
                    r.connection,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("POST", "/a", &b"hello"[..], 0),
                ("PUT", "/b", &b""[..], 0),
                ("DELETE", "/c", &b""[..], 0)
            ]
        );
        assert_eq!(server.connections(), 1);
    }

    #[test]
    fn chunked_bodies_expect_continue_folded_headers_and_head() {
        let server = Server::start(vec![Reply::new(200).body("body")]);
        let mut stream = connect(&server);
        let mut pending = Vec::new();
        stream
            .write_all(b"POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-Fold: a\r\n   b\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n")
            .expect("write");
        assert_eq!(read_response(&mut stream, &mut pending, false).status, 200);

        stream.write_all(b"PUT /cont HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n").expect("write");
        assert_eq!(read_response(&mut stream, &mut pending, false).status, 100);
        stream.write_all(b"abc").expect("write");
        assert_eq!(
            read_response(&mut stream, &mut pending, false).body,
            b"body"
        );

        stream
            .write_all(b"HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("write");
        let head = read_response(&mut stream, &mut pending, true);
        assert_eq!(head.header("content-length"), Some("4"));

        let requests = server.requests();
        assert_eq!(requests[0].body_text(), "hello world");
        assert_eq!(requests[0].header("x-fold"), Some("a b"));
        assert_eq!(requests[1].body, b"abc");
        assert_eq!(requests[2].method, "HEAD");
        // Nothing of the HEAD reply's body leaked onto the connection.
        stream
            .write_all(b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("write");
        assert_eq!(
            read_response(&mut stream, &mut pending, false).body,
            b"body"
        );
    }

    #[test]
    fn delay_raw_hang_up_and_close_replies() {
        let server = Server::start_with(
            vec![
                Reply::new(200).delay(Duration::from_millis(150)),
                Reply::raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"),
                Reply::hang_up(),
                Reply::new(202).close(),
            ],
            Options {
                after_script: AfterScript::Reply(Reply::new(418)),
                ..Options::default()
            },
        );
        let request = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";

        let mut stream = connect(&server);
        let started = Instant::now();
        stream.write_all(request).expect("write");
        assert_eq!(
            read_response(&mut stream, &mut Vec::new(), false).status,
            200
        );
        assert!(started.elapsed() >= Duration::from_millis(150));

        // The raw reply is written as is and the connection closes.
        stream.write_all(request).expect("write");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read raw");
        assert_eq!(raw, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");

        let mut stream = connect(&server);
        stream.write_all(request).expect("write");
        assert_closed(&mut stream);

        let mut stream = connect(&server);
        stream.write_all(request).expect("write");
        let response = read_response(&mut stream, &mut Vec::new(), false);
        assert_eq!(
            (response.status, response.header("connection")),
            (202, Some("close"))
        );
        assert_closed(&mut stream);

        let mut stream = connect(&server);
        stream.write_all(request).expect("write");
        assert_eq!(
            read_response(&mut stream, &mut Vec::new(), false).status,
            418
        );
        assert!(server.wait_for_requests(5, TIMEOUT));
        assert!(!server.wait_for_requests(6, Duration::from_millis(50)));
    }

    #[test]
    fn malformed_requests_get_400_and_a_closed_connection() {
        let server = Server::start(vec![Reply::new(200)]);
        for bad in [
            &b"GET /x\r\n\r\n"[..],
            b"GET /x HTTP/2.0\r\nHost: x\r\n\r\n",
            b"GET /x HTTP/1.1\r\nHost x\r\n\r\n",
            b"POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        ] {
            let mut stream = connect(&server);
            stream.write_all(bad).expect("write");
            assert_eq!(
                read_response(&mut stream, &mut Vec::new(), false).status,
                400,
                "{}",
                String::from_utf8_lossy(bad)
            );
            assert_closed(&mut stream);
        }
        assert!(server.requests().is_empty());
    }

    #[test]
    fn recorded_requests_verify_against_sigv4() {
        let server = Server::start(vec![Reply::new(200)]);
        let key = TestKey {
            access_key: "AKIDTEST",
            secret_key: "secret/key",
            region: "eu-west-1",
            service: "connect",
        };
        let headers: Vec<(String, String)> = [
            ("Host", server.addr().to_string()),
            ("X-Amz-Date", "20240102T030405Z".to_owned()),
            ("X-Amz-Security-Token", "tok+en/=".to_owned()),
            ("Content-Type", "application/json".to_owned()),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect();
        let body = b"{\"a\":1}";
        let request = sigv4::Request {
            method: "POST",
            path: "/instance/abc%3Adef/contact",
            query: "b=2&a=1",
            headers: &headers,
            body,
        };
        let auth = sign_for_test(
            &request,
            &key,
            &["host", "x-amz-date", "x-amz-security-token", "content-type"],
        );

        let mut stream = connect(&server);
        let mut text = format!(
            "POST /instance/abc%3Adef/contact?b=2&a=1 HTTP/1.1\r\nAuthorization: {auth}\r\n"
        );
        for (n, v) in &headers {
            text.push_str(&format!("{n}: {v}\r\n"));
        }
        text.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        stream.write_all(text.as_bytes()).expect("write");
        stream.write_all(body).expect("write body");
        assert_eq!(
            read_response(&mut stream, &mut Vec::new(), false).status,
            200
        );

        let results = server.verify_with("secret/key");
        let info = results[0].as_ref().expect("valid signature");
        assert_eq!(info.access_key, "AKIDTEST");
        assert_eq!(
            (info.region.as_str(), info.service.as_str()),
            ("eu-west-1", "connect")
        );
        assert!(info.has_session_token);
        let wrong = server
            .verify_with("other")
            .remove(0)
            .expect_err("wrong secret fails");
        assert!(
            wrong.contains("signature differs") && wrong.contains("--- canonical request ---"),
            "{wrong}"
        );
    }

    #[test]
    fn drop_stops_the_server_and_its_connections() {
        let server = Server::start(vec![Reply::new(200)]);
        let addr = server.addr();
        let mut idle = connect(&server);
        idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("write");
        read_response(&mut idle, &mut Vec::new(), false);
        let started = Instant::now();
        drop(server);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "drop took {:?}",
            started.elapsed()
        );
        assert_closed(&mut idle);
        assert!(
            TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err(),
            "still accepting after drop"
        );
    }
}
