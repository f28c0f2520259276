//! Paging through 1,000 pages of the `paginators` fixture's ListWidgets over an in-memory
//! transport (no sockets: a canned response per token), against the same 1,000 calls with the
//! tokens threaded by hand. The difference per page is what the paginator adds to a call; the
//! allocations per page of each are printed before the timings.
//!
//! `cargo bench -p integration-tests --bench paginators -- --measurement-time 10 --warm-up-time 2`

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fixture_paginators::Client;
use fixture_paginators::config::{BoxFuture, Config, Credentials, HttpTransport, Sleep, TransportError};
use integration_tests::alloc::{CountingAllocator, allocations};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const PAGES: usize = 1_000;

/// Answers `nextToken=tN` (or no token, for page 0) with page N: one widget and the token of
/// page N + 1, the last page without one.
#[derive(Debug)]
struct Pages {
    bodies: Vec<Vec<u8>>,
}

impl Pages {
    fn new() -> Pages {
        let bodies = (0..PAGES)
            .map(|n| {
                let next = if n + 1 < PAGES { format!(r#","NextToken":"t{}""#, n + 1) } else { String::new() };
                format!(r#"{{"WidgetSummaryList":[{{"Id":"w{n}","Name":"widget"}}]{next}}}"#).into_bytes()
            })
            .collect();
        Pages { bodies }
    }
}

impl HttpTransport for Pages {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let page = request
            .uri()
            .query()
            .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("nextToken=t")))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let body = self.bodies.get(page).cloned().unwrap_or_default();
        let response = http::Response::builder().status(200).header("content-type", "application/json").body(body);
        Box::pin(async move { response.map_err(TransportError::new) })
    }
}

#[derive(Debug)]
struct NoSleep;

impl Sleep for NoSleep {
    fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

async fn paginator(client: &Client) -> usize {
    let mut pages = client.list_widgets().instance_id("inst-1").into_paginator().page_size(1).send();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        count += page.expect("a page").widget_summary_list().len();
    }
    count
}

async fn items(client: &Client) -> usize {
    client.list_widgets().instance_id("inst-1").into_paginator().page_size(1).items().send().try_collect().await.expect("items").len()
}

/// What a caller writes without a paginator: the same requests, tokens threaded by hand.
async fn by_hand(client: &Client) -> usize {
    let mut token: Option<String> = None;
    let mut count = 0;
    loop {
        let page = client.list_widgets().instance_id("inst-1").max_results(1).set_next_token(token.take()).send().await.expect("a page");
        count += page.widget_summary_list().len();
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return count,
        }
    }
}

fn bench(c: &mut Criterion) {
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("https://widgets.example.com")
            .credentials(Credentials::new("AKIDBENCH", "bench/secret", None, None, "bench"))
            .transport(Pages::new())
            .sleep(NoSleep)
            .no_timeout()
            .build(),
    );
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let mut group = c.benchmark_group("paginators");
    group.sample_size(20);
    macro_rules! variant {
        ($name:literal, $run:ident) => {
            let (count, bytes, pages) = allocations(|| runtime.block_on($run(&client)));
            assert_eq!(pages, PAGES);
            println!("{}: {} allocations, {} bytes per page", $name, count / PAGES, bytes / PAGES);
            group.bench_function($name, |b| b.iter(|| assert_eq!(runtime.block_on($run(&client)), PAGES)));
        };
    }
    variant!("1000_pages/into_paginator", paginator);
    variant!("1000_pages/items", items);
    variant!("1000_pages/by_hand", by_hand);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
