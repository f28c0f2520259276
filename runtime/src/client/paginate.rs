//! Paging through an operation whose model has `@paginated`: one loop for every operation.
//!
//! Each page's request is the caller's input with the token member replaced, through a
//! [`Structure`] view that overlays one member, so the input is neither cloned nor mutated and
//! needs no per-operation setter; the next token is read from each output through its view. Both
//! use the member indices the generator computed ([`Pagination`]). What is generic here is only
//! the typing of outputs and errors around that loop.

use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use super::transport::BoxFuture;
use super::{Handle, SdkError, Sent};
use crate::decode::{Decode, Slot};
use crate::error::OperationError;
use crate::schema::Operation;
use crate::value::{Structure, View};

/// Where an operation's tokens are; generated crates hold one per paginated operation.
#[derive(Debug)]
pub struct Pagination {
    /// The index of the input member the token is sent in.
    pub input_token: usize,
    /// The output member holding the next token: member indices, one per path segment, each
    /// into the structure the previous one holds.
    pub output_token: &'static [usize],
}

/// The input of one page: the caller's input with the token member replaced.
struct WithToken<'a> {
    input: &'a (dyn Structure + Send),
    index: usize,
    token: &'a Option<String>,
}

impl Structure for WithToken<'_> {
    fn member(&self, index: usize) -> Option<&dyn Slot> {
        if index == self.index { Some(self.token) } else { self.input.member(index) }
    }
}

/// The string at `path` in `value`, when every structure on the way and the string are set.
fn string_at<'a>(value: &'a dyn Structure, path: &[usize]) -> Option<&'a str> {
    let (last, structures) = path.split_last()?;
    let mut at = value;
    for &index in structures {
        match at.member(index)?.get()?.view() {
            View::Structure(_, inner) => at = inner,
            _ => return None,
        }
    }
    match at.member(*last)?.get()?.view() {
        View::String(text) => Some(text),
        _ => None,
    }
}

/// The state of a paging loop, the same for every operation.
struct Paging {
    handle: Handle,
    op: &'static Operation,
    pagination: &'static Pagination,
    input: Arc<dyn Structure + Send>,
    /// The token of the latest request: the caller's own for the first one.
    token: Option<String>,
    in_flight: Option<BoxFuture<'static, Sent>>,
    done: bool,
}

impl std::fmt::Debug for Paging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paging").field("operation", &self.op.name).field("token", &self.token).field("done", &self.done).finish()
    }
}

impl Paging {
    fn new(handle: &Handle, op: &'static Operation, pagination: &'static Pagination, input: Arc<dyn Structure + Send>) -> Paging {
        let token = string_at(&*input, std::slice::from_ref(&pagination.input_token)).map(str::to_string);
        Paging { handle: handle.clone(), op, pagination, input, token, in_flight: None, done: false }
    }

    /// The response to the next page's request, once it is there; `None` once paging stopped.
    fn poll_response(&mut self, cx: &mut Context<'_>) -> Poll<Option<Sent>> {
        if self.done {
            return Poll::Ready(None);
        }
        let in_flight = self.in_flight.get_or_insert_with(|| {
            let (handle, op, input, index, token) =
                (self.handle.clone(), self.op, Arc::clone(&self.input), self.pagination.input_token, self.token.clone());
            Box::pin(async move {
                let page = WithToken { input: &*input, index, token: &token };
                handle.send(op, &page).await
            })
        });
        let sent = std::task::ready!(in_flight.as_mut().poll(cx));
        self.in_flight = None;
        Poll::Ready(Some(sent))
    }

    /// Take the next token from `output`, or stop: no token, an empty one, or the one just sent
    /// (a service answering with the same token would otherwise be asked forever).
    fn advance(&mut self, output: &dyn Structure) {
        match string_at(output, self.pagination.output_token) {
            Some(next) if !next.is_empty() && self.token.as_deref() != Some(next) => self.token = Some(next.to_string()),
            _ => self.done = true,
        }
    }
}

/// The pages of a paginated operation, one request each, in order: `next().await` gives
/// `Some(Ok(output))` per page, `Some(Err(error))` once if a page fails, then `None`. Paging stops
/// when a response has no next token (or an empty one), when the service returns the token it
/// was just sent, and after an error. Also a [`futures_core::Stream`].
pub struct Pages<O, E> {
    paging: Paging,
    types: PhantomData<fn() -> (O, E)>,
}

impl<O, E> std::fmt::Debug for Pages<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pages").field(&self.paging).finish()
    }
}

// Nothing is pinned structurally: the request in flight is boxed.
impl<O, E> Unpin for Pages<O, E> {}

impl<O, E> Pages<O, E>
where
    O: Decode + Structure + Send + 'static,
    E: OperationError,
{
    /// Page through `op` from `input` (what a generated paginator's `send()` returns). Nothing
    /// is sent before the first `next()`.
    pub fn new<I: Structure + Send + 'static>(handle: &Handle, op: &'static Operation, pagination: &'static Pagination, input: I) -> Self {
        Pages { paging: Paging::new(handle, op, pagination, Arc::new(input)), types: PhantomData }
    }

    /// The next page: `None` once paging has stopped.
    pub async fn next(&mut self) -> Option<Result<O, SdkError<E>>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every page, or the first error.
    ///
    /// # Errors
    ///
    /// The error of the first page that failed.
    pub async fn try_collect(mut self) -> Result<Vec<O>, SdkError<E>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// The items of every page, one at a time: `take` moves a page's items out of it (generated
    /// code passes the output's `items` member).
    pub fn items<T>(self, take: fn(O) -> Vec<T>) -> Items<T, O, E> {
        Items { pages: self, take, current: Vec::new().into_iter() }
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<O, SdkError<E>>>> {
        let Some(sent) = std::task::ready!(self.paging.poll_response(cx)) else {
            return Poll::Ready(None);
        };
        let page = match sent {
            Ok((response, attempts)) => self.paging.handle.parse::<O, E>(self.paging.op, response, attempts),
            Err(error) => Err(error.cast()),
        };
        match &page {
            Ok(output) => self.paging.advance(output),
            Err(_) => self.paging.done = true,
        }
        Poll::Ready(Some(page))
    }
}

impl<O, E> futures_core::Stream for Pages<O, E>
where
    O: Decode + Structure + Send + 'static,
    E: OperationError,
{
    type Item = Result<O, SdkError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The items of every page of a paginated operation, one at a time (pages without items are
/// skipped): `next().await` gives `Some(Ok(item))` per item, `Some(Err(error))` once if a page
/// fails, then `None`; it stops as [`Pages`] does. Also a [`futures_core::Stream`].
pub struct Items<T, O, E> {
    pages: Pages<O, E>,
    take: fn(O) -> Vec<T>,
    current: std::vec::IntoIter<T>,
}

impl<T, O, E> std::fmt::Debug for Items<T, O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("left_in_page", &self.current.len()).finish()
    }
}

// Nothing is pinned structurally: items are moved out of their page one by one.
impl<T, O, E> Unpin for Items<T, O, E> {}

impl<T, O, E> Items<T, O, E>
where
    O: Decode + Structure + Send + 'static,
    E: OperationError,
{
    /// The next item: `None` once paging has stopped and every item was given.
    pub async fn next(&mut self) -> Option<Result<T, SdkError<E>>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every item, or the first error.
    ///
    /// # Errors
    ///
    /// The error of the first page that failed.
    pub async fn try_collect(mut self) -> Result<Vec<T>, SdkError<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, SdkError<E>>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(self.pages.poll_page(cx)) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(page)) => self.current = (self.take)(page).into_iter(),
            }
        }
    }
}

impl<T, O, E> futures_core::Stream for Items<T, O, E>
where
    O: Decode + Structure + Send + 'static,
    E: OperationError,
{
    type Item = Result<T, SdkError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
