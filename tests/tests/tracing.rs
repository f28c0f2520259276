//! The `tracing` feature: one `call` span per operation call naming the operation, an `attempt`
//! span per attempt inside it, and no value of the input (`@sensitive` or not) in any field.

use std::sync::{Arc, Mutex};

use aws_connect::config::{Config, Credentials};
use aws_connect::test_util::{InstantSleep, ReplayTransport};
use aws_connect::Client;

/// A span as recorded: its name, its fields as text, and its parent's id.
type Recorded = (String, String, Option<u64>);

/// Records every span (name, fields, parent) and event field, as text.
#[derive(Default, Clone)]
struct Recorder {
    spans: Arc<Mutex<Vec<Recorded>>>,
    events: Arc<Mutex<Vec<String>>>,
    current: Arc<Mutex<Vec<u64>>>,
}

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        let mut spans = self.spans.lock().unwrap();
        let parent = self.current.lock().unwrap().last().copied();
        spans.push((span.metadata().name().to_string(), fields.0, parent));
        tracing::span::Id::from_u64(spans.len() as u64)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.events.lock().unwrap().push(fields.0);
    }

    fn enter(&self, span: &tracing::span::Id) {
        self.current.lock().unwrap().push(span.into_u64());
    }

    fn exit(&self, _: &tracing::span::Id) {
        self.current.lock().unwrap().pop();
    }
}

#[test]
fn a_call_is_one_span_with_a_child_span_per_attempt_and_no_values() {
    let response = |status: u16| http::Response::builder().status(status).body(b"{}".to_vec()).expect("a response");
    let transport = ReplayTransport::new([response(500), response(200)]);
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "wJalrTRACEDSECRET", None, None, "test"))
            .transport(transport)
            .sleep(InstantSleep)
            .build(),
    );
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        let call = client
            .update_contact_attributes()
            .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
            .initial_contact_id("11111111-2222-3333-4444-555555555555")
            .attributes("secret-key", "secret-value")
            .send();
        tokio::runtime::Builder::new_current_thread().build().expect("runtime").block_on(call).expect("the retry succeeds");
    });
    let spans = recorder.spans.lock().unwrap().clone();
    let names: Vec<&str> = spans.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(names, ["call", "attempt", "attempt"], "{spans:?}");
    assert!(spans[0].1.contains(r#"rpc="Connect.UpdateContactAttributes""#), "{spans:?}");
    // Attempts are children of the call.
    assert!(spans[1..].iter().all(|(_, fields, parent)| *parent == Some(1) && fields.contains("number=")), "{spans:?}");
    let everything = format!("{spans:?} {:?}", recorder.events.lock().unwrap());
    for value in ["secret-key", "secret-value", "a1b2c3d4", "wJalrTRACEDSECRET"] {
        assert!(!everything.contains(value), "`{value}` reached the trace: {everything}");
    }
}
