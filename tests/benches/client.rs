//! Client-side overhead of one UpdateContactAttributes call against a loopback server that
//! answers at once: build, validate, resolve the endpoint, serialize, sign (aws-sigv4), send over
//! a pooled keep-alive connection, parse. Compared with the same exchange sent without the client,
//! and with a `tracing` subscriber that records every span and event (the crate is built with its
//! `tracing` feature; without a subscriber the spans cost one relaxed atomic load each).
//!
//! `cargo bench -p integration-tests --bench client -- --measurement-time 5 --warm-up-time 1`

use std::time::Duration;

use aws_connect::config::{Config, Credentials};
use aws_connect::Client;
use criterion::{Criterion, criterion_group, criterion_main};
use integration_tests::loopback::{Options, Reply, Server};

fn bench(c: &mut Criterion) {
    let server = Server::start_with(
        vec![Reply::json(200, "{}")],
        Options { max_requests: usize::MAX, lifetime: Duration::from_secs(600), ..Options::default() },
    );
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(Credentials::new("AKIDBENCH", "bench/secret", None, None, "bench"))
            .build(),
    );
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    c.bench_function("client/update_contact_attributes/loopback", |b| {
        b.iter(|| {
            runtime
                .block_on(
                    client
                        .update_contact_attributes()
                        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                        .initial_contact_id("11111111-2222-3333-4444-555555555555")
                        .attributes("customerName", "Jane")
                        .send(),
                )
                .expect("success")
        })
    });
    // The same call with a subscriber that takes every span and event (and drops them).
    let subscriber = EverythingSubscriber::default();
    tracing::subscriber::with_default(subscriber, || {
        c.bench_function("client/update_contact_attributes/loopback_traced", |b| {
            b.iter(|| {
                runtime
                    .block_on(
                        client
                            .update_contact_attributes()
                            .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                            .initial_contact_id("11111111-2222-3333-4444-555555555555")
                            .attributes("customerName", "Jane")
                            .send(),
                    )
                    .expect("success")
            })
        });
    });
    // The same request bytes through the same transport, without build/validate/sign/parse.
    let transport = aws_connect::config::HyperTransport::new();
    let request = aws_connect::operation::update_contact_attributes::UpdateContactAttributes::serialize_request(
        &aws_connect::operation::update_contact_attributes::UpdateContactAttributesInput::builder()
            .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
            .initial_contact_id("11111111-2222-3333-4444-555555555555")
            .attributes("customerName", "Jane")
            .build()
            .expect("valid"),
        &server.url(),
    )
    .expect("serializes");
    c.bench_function("transport_only/loopback", |b| {
        b.iter(|| runtime.block_on(aws_connect::config::HttpTransport::send(&transport, request.clone())).expect("sent"))
    });
}

/// Enables everything and keeps nothing: the cost of the instrumentation itself.
#[derive(Default)]
struct EverythingSubscriber {
    next: std::sync::atomic::AtomicU64,
}

impl tracing::Subscriber for EverythingSubscriber {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, _: &tracing::Event<'_>) {}

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

criterion_group!(benches, bench);
criterion_main!(benches);
