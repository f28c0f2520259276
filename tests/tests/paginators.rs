//! Paginators of the `paginators` fixture's client against a scripted HTTP server on 127.0.0.1:
//! pages and tokens, the stops (no token, an empty page, a repeated token, an error), items
//! flattened across pages (list, nested path, map), and the page size on every request.

use std::time::Duration;

use fixture_paginators::Client;
use fixture_paginators::config::{Config, Credentials, RetryConfig};
use integration_tests::loopback::{Recorded, Reply, Server};

const SECRET: &str = "paging/secret";

fn client(server: &Server) -> Client {
    Client::new(
        Config::builder()
            .region("us-west-2")
            .endpoint_url(server.url())
            .credentials(Credentials::new("AKIDPAGING", SECRET, None, None, "paginator-test"))
            .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(2)))
            .timeout(Duration::from_secs(5))
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

/// A ListWidgets page with these widget ids and next token.
fn widgets(ids: &[&str], next: Option<&str>) -> Reply {
    let list: Vec<String> = ids.iter().map(|id| format!(r#"{{"Id":"{id}","Name":"widget {id}"}}"#)).collect();
    let next = next.map(|t| format!(r#","NextToken":"{t}""#)).unwrap_or_default();
    Reply::json(200, &format!(r#"{{"WidgetSummaryList":[{}]{next}}}"#, list.join(",")))
}

/// The value of query parameter `name` of a request.
fn query(request: &Recorded, name: &str) -> Option<String> {
    request.query.split('&').find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_string))
}

#[test]
fn pages_follow_the_tokens_down_to_an_empty_last_page_with_the_page_size_on_each() {
    let server = Server::start(vec![widgets(&["a", "b"], Some("t1")), widgets(&["c"], Some("t2")), widgets(&[], None)]);
    let client = client(&server);
    let ids_per_page = runtime().block_on(async {
        let mut pages = client.list_widgets().instance_id("inst-1").into_paginator().page_size(25).send();
        let mut ids_per_page = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.expect("a page");
            ids_per_page.push(page.widget_summary_list().iter().filter_map(|w| w.id()).map(str::to_string).collect::<Vec<_>>());
        }
        // Once ended it stays ended, without another request.
        assert!(pages.next().await.is_none());
        ids_per_page
    });
    assert_eq!(ids_per_page, [vec!["a", "b"], vec!["c"], vec![]]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let tokens: Vec<Option<String>> = requests.iter().map(|r| query(r, "nextToken")).collect();
    assert_eq!(tokens, [None, Some("t1".to_string()), Some("t2".to_string())]);
    for request in &requests {
        assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/widgets/inst-1"));
        assert_eq!(query(request, "maxResults").as_deref(), Some("25"), "{}", request.query);
        request.verify(SECRET).expect("every page is signed");
    }
}

#[test]
fn an_empty_token_ends_paging_and_a_starting_token_is_sent_first() {
    let server = Server::start(vec![widgets(&["a"], Some("")), widgets(&["never"], None)]);
    let pages = runtime()
        .block_on(client(&server).list_widgets().instance_id("inst-1").next_token("resume-here").into_paginator().send().try_collect())
        .expect("pages");
    assert_eq!(pages.len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(query(&requests[0], "nextToken").as_deref(), Some("resume-here"));
    assert_eq!(query(&requests[0], "maxResults"), None, "no page size unless asked for");
}

#[test]
fn a_repeated_token_stops_paging_instead_of_looping() {
    // The server answers every request with the same token, forever.
    let server = Server::start(vec![widgets(&["a"], Some("same"))]);
    let pages = runtime().block_on(client(&server).list_widgets().instance_id("inst-1").into_paginator().send().try_collect()).expect("pages");
    assert_eq!(pages.len(), 2, "the first page gives the token, the second repeats it");
    let tokens: Vec<Option<String>> = server.requests().iter().map(|r| query(r, "nextToken")).collect();
    assert_eq!(tokens, [None, Some("same".to_string())]);

    // A service echoing the caller's own starting token stops at once too.
    let server = Server::start(vec![widgets(&["a"], Some("start"))]);
    let pages = runtime()
        .block_on(client(&server).list_widgets().instance_id("inst-1").next_token("start").into_paginator().send().try_collect())
        .expect("pages");
    assert_eq!((pages.len(), server.requests().len()), (1, 1));
}

#[test]
fn an_error_mid_way_is_given_once_then_paging_ends() {
    let throttled = Reply::json(429, r#"{"Message":"slow down"}"#).header("x-amzn-errortype", "ThrottlingException").header("x-amzn-requestid", "req-9");
    let server = Server::start(vec![widgets(&["a"], Some("t1")), throttled.clone(), throttled.clone(), throttled, widgets(&["never"], None)]);
    let client = client(&server);
    runtime().block_on(async {
        let mut pages = client.list_widgets().instance_id("inst-1").into_paginator().send();
        assert!(pages.next().await.expect("a first page").is_ok());
        let error = pages.next().await.expect("the second page's outcome").expect_err("throttled");
        assert!(error.service_error().is_some_and(|e| e.is_throttling_exception()), "{error:?}");
        assert_eq!((error.attempts(), error.request_id()), (3, Some("req-9")), "retried like any call, then given");
        assert!(pages.next().await.is_none(), "nothing after the error");
    });
    assert_eq!(server.requests().len(), 4);

    // Invalid input (no `InstanceId`) fails the first page before anything is sent.
    let server = Server::start(vec![widgets(&["a"], None)]);
    let first = runtime().block_on(async {
        let mut pages = self::client(&server).list_widgets().into_paginator().send();
        let first = pages.next().await.expect("an outcome");
        (first.is_err(), pages.next().await.is_none())
    });
    assert_eq!(first, (true, true));
    assert!(server.requests().is_empty());
}

#[test]
fn items_flatten_pages_including_empty_ones() {
    let server = Server::start(vec![widgets(&["a", "b"], Some("t1")), widgets(&[], Some("t2")), widgets(&["c"], None)]);
    let ids = runtime()
        .block_on(client(&server).list_widgets().instance_id("inst-1").into_paginator().items().send().try_collect())
        .expect("items");
    let ids: Vec<&str> = ids.iter().filter_map(|w| w.id()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn items_and_tokens_at_nested_paths_with_a_long_page_size() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"Page":{"Names":["x","y"],"NextMarker":"m1"}}"#),
        Reply::json(200, r#"{"Page":{"Names":["z"]}}"#),
    ]);
    let names = runtime()
        .block_on(client(&server).list_nested().into_paginator().page_size(5_000_000_000).items().send().try_collect())
        .expect("items");
    assert_eq!(names, ["x", "y", "z"]);
    let requests = server.requests();
    assert_eq!(requests.iter().map(|r| query(r, "marker")).collect::<Vec<_>>(), [None, Some("m1".to_string())]);
    assert!(requests.iter().all(|r| query(r, "limit").as_deref() == Some("5000000000")));
}

#[test]
fn map_items_are_entries_and_body_tokens_travel_in_the_body() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"Tags":{"a":"1","b":"2"},"NextToken":"t1"}"#),
        Reply::json(200, r#"{"Tags":{"c":"3"}}"#),
    ]);
    let mut tags = runtime().block_on(client(&server).list_tags().into_paginator().page_size(2).items().send().try_collect()).expect("items");
    tags.sort();
    let expected: Vec<(String, String)> = [("a", "1"), ("b", "2"), ("c", "3")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(tags, expected);
    let bodies: Vec<String> = server.requests().iter().map(Recorded::body_text).collect();
    assert_eq!(bodies, [r#"{"MaxResults":2}"#, r#"{"NextToken":"t1","MaxResults":2}"#]);
}

#[test]
fn paginators_are_streams() {
    async fn poll_all<S: futures_core::Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
        let mut items = Vec::new();
        while let Some(item) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await {
            items.push(item);
        }
        items
    }
    fn send<T: Send>(_: &T) {}
    let server = Server::start(vec![Reply::json(200, r#"{"Count":2,"NextToken":"t1"}"#), Reply::json(200, r#"{"Count":1}"#)]);
    let client = client(&server);
    let pages = client.count_widgets().into_paginator().send();
    send(&pages);
    let counts: Vec<Option<i32>> = runtime().block_on(poll_all(pages)).into_iter().map(|page| page.expect("a page").count()).collect();
    assert_eq!(counts, [Some(2), Some(1)]);
    let items = client.list_widgets().instance_id("inst-1").into_paginator().items().send();
    send(&items);
}
