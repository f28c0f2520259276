//! `src/waiters.rs`: per waiter, its table (delays, acceptors, compiled paths) as a static the
//! runtime walks, the handle the operation's input builder holds so it offers `wait()`, and
//! aliases naming the outcome; plus the `wait_until_*` methods of `Client`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, doc_lines, path_tokens, rt};
use crate::ir::Crate;
use crate::ir::waiters::{AcceptorState, Comparator, Comparison, Expr, Matcher, Projection, Waiter};

fn waiter_module() -> TokenStream {
    let rt = rt();
    quote!(#rt::client::waiter)
}

/// Which of the runtime's table types the tables use, so `mod tables` imports just those.
#[derive(Default)]
struct Uses {
    expr: bool,
    comparison: bool,
    projection: bool,
}

impl Uses {
    fn of(krate: &Crate) -> Uses {
        fn walk(expr: &Expr, uses: &mut Uses) {
            match expr {
                Expr::Current | Expr::Input | Expr::Output | Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
                Expr::Array(items) => items.iter().for_each(|item| walk(item, uses)),
                Expr::Member(of, _) | Expr::Key(of, _) | Expr::Index(of, _) | Expr::Not(of) | Expr::Length(of) | Expr::Keys(of) => walk(of, uses),
                Expr::Project { of, then, .. } => {
                    uses.projection = true;
                    walk(of, uses);
                    walk(then, uses);
                }
                Expr::Filter { of, condition, then } => [of, condition, then].into_iter().for_each(|e| walk(e, uses)),
                Expr::Select(of, items) => {
                    walk(of, uses);
                    items.iter().for_each(|item| walk(item, uses));
                }
                Expr::Compare(_, left, right) => {
                    uses.comparison = true;
                    walk(left, uses);
                    walk(right, uses);
                }
                Expr::Sub(a, b) | Expr::Pipe(a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Contains(a, b) => {
                    walk(a, uses);
                    walk(b, uses);
                }
            }
        }
        let mut uses = Uses::default();
        for matcher in krate.waiters.iter().flat_map(|w| &w.acceptors).map(|a| &a.matcher) {
            if let Matcher::Path { expr, .. } = matcher {
                uses.expr = true;
                walk(expr, &mut uses);
            }
        }
        uses
    }

    fn imports(&self) -> TokenStream {
        let w = waiter_module();
        let mut names = vec![format_ident!("Acceptor")];
        if self.expr {
            names.push(format_ident!("Comparator"));
        }
        if self.comparison {
            names.push(format_ident!("Comparison"));
        }
        if self.expr {
            names.push(format_ident!("Expr"));
        }
        names.push(format_ident!("Matcher"));
        if self.projection {
            names.push(format_ident!("Projection"));
        }
        names.extend([format_ident!("State"), format_ident!("Waiter")]);
        quote!(use #w::{#( #names ),*};)
    }
}

/// The input builder of the waiter's operation, and the paths of its output and error types.
struct Operation {
    module: proc_macro2::Ident,
    name: String,
    builder: proc_macro2::Ident,
    input_module: proc_macro2::Ident,
    input: proc_macro2::Ident,
    output: TokenStream,
    error: proc_macro2::Ident,
}

fn operation(krate: &Crate, waiter: &Waiter) -> Option<Operation> {
    let op = krate.operations.get(waiter.operation)?;
    let input = krate.structure(op.input)?;
    Some(Operation {
        module: format_ident!("{}", op.module),
        name: op.name.clone(),
        builder: format_ident!("{}", input.builder),
        input_module: format_ident!("{}", input.name.module),
        input: format_ident!("{}", input.name.ident),
        output: path_tokens(&krate.types[op.output].name().path),
        error: format_ident!("{}", op.error.ident),
    })
}

/// The `wait_until_*` methods of `Client`.
pub(crate) fn client_methods(krate: &Crate) -> Vec<TokenStream> {
    krate
        .waiters
        .iter()
        .filter_map(|waiter| {
            let op = operation(krate, waiter)?;
            let (module, input_module, builder, input) = (&op.module, &op.input_module, &op.builder, &op.input);
            let method = waiter.method.to_ident();
            let handle = format_ident!("{}", waiter.handle);
            let fluent = format_ident!("{}", waiter.fluent);
            let docs = doc_attrs(&waiter.docs);
            let usage = doc_lines(&format!(
                "\nSet the `{}` input on the returned builder, then `.wait(max_wait).await`.",
                op.name
            ));
            Some(quote! {
                #docs
                #usage
                #[inline]
                pub fn #method(&self) -> crate::waiters::#fluent {
                    crate::operation::#module::#input_module::#builder {
                        inner: <crate::operation::#module::#input as ::std::default::Default>::default(),
                        client: crate::waiters::#handle(self.clone()),
                    }
                }
            })
        })
        .collect()
}

/// `src/waiters.rs`, or `None` when the crate has no waiters.
pub(crate) fn waiters_rs(krate: &Crate) -> Option<TokenStream> {
    if krate.waiters.is_empty() {
        return None;
    }
    let w = waiter_module();
    let items = krate.waiters.iter().filter_map(|waiter| waiter_items(krate, waiter));
    let tables = krate.waiters.iter().map(table);
    let imports = Uses::of(krate).imports();
    Some(quote! {
        //! Waiters (`smithy.waiters#waitable`): poll an operation until a resource reaches a state.
        //!
        //! `client.wait_until_x()` returns the operation's input builder; set the input, then
        //! `.wait(max_wait).await`. It gives `Ok(FinalPoll)` when a success acceptor matched (the
        //! output, or the error the acceptor expects), and a `WaiterError` telling a failure
        //! acceptor, running out of time and an error no acceptor expects apart, each with the
        //! last poll. The delays between polls follow the Smithy waiter specification
        //! (exponential backoff with jitter between the waiter's `minDelay` and `maxDelay`) and
        //! are slept with the client's timer.

        pub use #w::{FinalPoll, WaiterError};

        #( #items )*

        /// The waiters as the runtime reads them: delays in seconds, acceptors in the model's
        /// order, paths compiled to trees over member indices. Only the runtime's table types
        /// are in scope here, so the short names cannot meet a model's.
        mod tables {
            #imports

            #( #tables )*
        }
    })
}

fn table(waiter: &Waiter) -> TokenStream {
    let name = &waiter.name;
    let table = format_ident!("{}", waiter.table);
    let (min_delay, max_delay) = (Literal::u64_unsuffixed(waiter.min_delay), Literal::u64_unsuffixed(waiter.max_delay));
    let acceptors = waiter.acceptors.iter().map(|acceptor| {
        let state = match acceptor.state {
            AcceptorState::Success => quote!(State::Success),
            AcceptorState::Failure => quote!(State::Failure),
            AcceptorState::Retry => quote!(State::Retry),
        };
        let matcher = matcher_tokens(&acceptor.matcher);
        quote!(Acceptor { state: #state, matcher: #matcher })
    });
    let doc = doc_lines(&format!("The `{name}` waiter."));
    quote! {
        #doc
        pub(super) static #table: Waiter = Waiter {
            name: #name,
            min_delay: #min_delay,
            max_delay: #max_delay,
            acceptors: &[#( #acceptors ),*],
        };
    }
}

fn waiter_items(krate: &Crate, waiter: &Waiter) -> Option<TokenStream> {
    let w = waiter_module();
    let op = operation(krate, waiter)?;
    let (module, builder, output, error) = (&op.module, &op.builder, &op.output, &op.error);
    let name = &waiter.name;
    let method = &waiter.method.name;
    let handle = format_ident!("{}", waiter.handle);
    let fluent = format_ident!("{}", waiter.fluent);
    let final_poll = format_ident!("{}", waiter.final_poll);
    let error_alias = format_ident!("{}", waiter.error);
    let table = format_ident!("{}", waiter.table);
    let handle_doc = doc_lines(&format!(
        "What the builder [`Client::{method}`](crate::Client::{method}) returns holds: the client, for the `{name}` waiter of `{}`.",
        op.name
    ));
    let fluent_doc = doc_lines(&format!("The builder [`Client::{method}`](crate::Client::{method}) returns: `{}`'s input setters, then `wait(max_wait)`.", op.name));
    let final_poll_doc = doc_lines(&format!("What the `{name}` waiter gives when a success acceptor matches: the last poll."));
    let error_doc = doc_lines(&format!("Why the `{name}` waiter ended without success: a failure acceptor, running out of time, or an error no acceptor expects."));
    let wait_doc = doc_lines(&format!(
        "Poll `{}` with this input until the `{name}` waiter succeeds, a failure acceptor matches, or `max_wait` runs out (the next attempt would pass it); see [`Client::{method}`](crate::Client::{method}).\n\n# Errors\n\nA [`WaiterError`]: `Failure` when a failure acceptor matched, `Timeout` when `max_wait` ran out, `Unexpected` when a call failed with an error no acceptor expects (or could not be made); each holds the last poll.",
        op.name
    ));
    let operation = format_ident!("{}", crate::naming::OPERATION_STATIC);
    Some(quote! {
        #handle_doc
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #handle(pub(crate) crate::Client);

        #fluent_doc
        pub type #fluent = crate::operation::#module::builders::#builder<#handle>;

        #final_poll_doc
        pub type #final_poll = #w::FinalPoll<#output, crate::config::SdkError<crate::operation::#module::#error>>;

        #error_doc
        pub type #error_alias = #w::WaiterError<#output, crate::operation::#module::#error>;

        impl crate::operation::#module::builders::#builder<#handle> {
            #wait_doc
            #[inline]
            pub fn wait(
                self,
                max_wait: ::std::time::Duration,
            ) -> impl ::std::future::Future<Output = ::std::result::Result<#final_poll, #error_alias>> + ::std::marker::Send {
                self.client.0.handle.wait(&crate::operation::#module::#operation, &tables::#table, self.inner, max_wait)
            }
        }
    })
}

fn matcher_tokens(matcher: &Matcher) -> TokenStream {
    match matcher {
        Matcher::Path { source, expr, comparator } => {
            let expr = expr_tokens(expr);
            let comparator = match comparator {
                Comparator::StringEquals(s) => quote!(Comparator::StringEquals(#s)),
                Comparator::BooleanEquals(b) => quote!(Comparator::BooleanEquals(#b)),
                Comparator::AllStringEquals(s) => quote!(Comparator::AllStringEquals(#s)),
                Comparator::AnyStringEquals(s) => quote!(Comparator::AnyStringEquals(#s)),
            };
            quote!(Matcher::Path { source: #source, expr: #expr, comparator: #comparator })
        }
        Matcher::Success(success) => quote!(Matcher::Success(#success)),
        Matcher::ErrorType(name) => quote!(Matcher::ErrorType(#name)),
    }
}

fn expr_tokens(expr: &Expr) -> TokenStream {
    let e = quote!(Expr);
    let boxed = |inner: &Expr| {
        let inner = expr_tokens(inner);
        quote!(&#inner)
    };
    match expr {
        Expr::Current => quote!(#e::Current),
        Expr::Input => quote!(#e::Input),
        Expr::Output => quote!(#e::Output),
        Expr::Null => quote!(#e::Null),
        Expr::Bool(b) => quote!(#e::Bool(#b)),
        Expr::Number(n) => {
            let n = Literal::f64_unsuffixed(*n);
            quote!(#e::Number(#n))
        }
        Expr::String(s) => quote!(#e::String(#s)),
        Expr::Array(items) => {
            let items = items.iter().map(expr_tokens);
            quote!(#e::Array(&[#( #items ),*]))
        }
        Expr::Member(of, index) => {
            let (of, index) = (boxed(of), Literal::usize_unsuffixed(*index));
            quote!(#e::Member(#of, #index))
        }
        Expr::Key(of, key) => {
            let of = boxed(of);
            quote!(#e::Key(#of, #key))
        }
        Expr::Index(of, index) => {
            let of = boxed(of);
            let magnitude = Literal::u64_unsuffixed(index.unsigned_abs());
            let index = if *index < 0 { quote!(-#magnitude) } else { quote!(#magnitude) };
            quote!(#e::Index(#of, #index))
        }
        Expr::Project { kind, of, then } => {
            let kind = match kind {
                Projection::Items => quote!(Projection::Items),
                Projection::Flatten => quote!(Projection::Flatten),
                Projection::Values => quote!(Projection::Values),
            };
            let (of, then) = (boxed(of), boxed(then));
            quote!(#e::Project { kind: #kind, of: #of, then: #then })
        }
        Expr::Filter { of, condition, then } => {
            let (of, condition, then) = (boxed(of), boxed(condition), boxed(then));
            quote!(#e::Filter { of: #of, condition: #condition, then: #then })
        }
        Expr::Select(of, items) => {
            let of = boxed(of);
            let items = items.iter().map(expr_tokens);
            quote!(#e::Select(#of, &[#( #items ),*]))
        }
        Expr::Sub(of, then) => {
            let (of, then) = (boxed(of), boxed(then));
            quote!(#e::Sub(#of, #then))
        }
        Expr::Pipe(of, then) => {
            let (of, then) = (boxed(of), boxed(then));
            quote!(#e::Pipe(#of, #then))
        }
        Expr::Compare(op, left, right) => {
            let op = match op {
                Comparison::Eq => quote!(Comparison::Eq),
                Comparison::Ne => quote!(Comparison::Ne),
                Comparison::Lt => quote!(Comparison::Lt),
                Comparison::Le => quote!(Comparison::Le),
                Comparison::Gt => quote!(Comparison::Gt),
                Comparison::Ge => quote!(Comparison::Ge),
            };
            let (left, right) = (boxed(left), boxed(right));
            quote!(#e::Compare(#op, #left, #right))
        }
        Expr::And(left, right) => {
            let (left, right) = (boxed(left), boxed(right));
            quote!(#e::And(#left, #right))
        }
        Expr::Or(left, right) => {
            let (left, right) = (boxed(left), boxed(right));
            quote!(#e::Or(#left, #right))
        }
        Expr::Not(inner) => {
            let inner = boxed(inner);
            quote!(#e::Not(#inner))
        }
        Expr::Length(of) => {
            let of = boxed(of);
            quote!(#e::Length(#of))
        }
        Expr::Contains(subject, search) => {
            let (subject, search) = (boxed(subject), boxed(search));
            quote!(#e::Contains(#subject, #search))
        }
        Expr::Keys(of) => {
            let of = boxed(of);
            quote!(#e::Keys(#of))
        }
    }
}
