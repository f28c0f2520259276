//! `src/operation/<op>/paginator.rs` and `into_paginator()`: small typed wrappers over the
//! runtime's one paging loop (`smithy_rt::client::Pages`), which reads and writes the tokens
//! through the schema views with the indices the IR resolved.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_lines, path_tokens, rt, type_string, EmittedFile, FileKind, Part};
use crate::ir::{Crate, Operation, Paginator, PaginatorItems, Structure, Type};

/// `into_paginator()` on the operation's fluent builder.
pub(crate) fn into_paginator(op: &Operation, paginator: &Paginator) -> TokenStream {
    let ident = format_ident!("{}", paginator.ident);
    let doc = doc_lines(&format!(
        "Page through `{}`: one request per page, each sending the previous response's token; `.send()` on the paginator starts it.",
        op.name
    ));
    quote! {
        #doc
        #[inline]
        pub fn into_paginator(self) -> super::paginator::#ident {
            super::paginator::#ident::new(self)
        }
    }
}

/// The module of the operation's paginators.
pub(crate) fn paginator_file(krate: &Crate, op: &Operation, paginator: &Paginator, dir: &str) -> Option<EmittedFile> {
    let rt = rt();
    let client = op.client.as_ref()?;
    let (input, output) = (krate.structure(op.input)?, krate.structure(op.output)?);
    let fluent = format_ident!("{}", client.fluent);
    let ident = format_ident!("{}", paginator.ident);
    let output_path = path_tokens(&output.name.path);
    let error = format_ident!("{}", op.error.ident);
    let input_token = Literal::usize_unsuffixed(paginator.input_token);
    let output_token = paginator.output_token.iter().map(|i| Literal::usize_unsuffixed(*i));
    let name = &op.name;
    let page_size = paginator.page_size.and_then(|index| input.fields.get(index)).map(|field| {
        let member = field.ident.to_ident();
        let ty: TokenStream = type_string(krate, &field.ty).parse().unwrap_or_default();
        let doc = doc_lines(&format!("At most `limit` results per page: sets `{}` on every request.", field.member));
        quote! {
            #doc
            #[inline]
            pub fn page_size(mut self, limit: #ty) -> Self {
                self.builder.inner.#member = ::core::option::Option::Some(limit);
                self
            }
        }
    });
    let items = paginator.items.as_ref().and_then(|items| items_wrapper(krate, op, &ident, output, items));
    let items_method = items.as_ref().map(|(method, _)| method);
    let items_type = items.as_ref().map(|(_, ty)| ty);
    let module_doc = format!(" Paging through `{name}`.");
    let pages_doc = doc_lines(&format!(
        "Every page of [`{name}`](super::{marker}), made by [`into_paginator`](super::builders::{fluent}::into_paginator).\n\n\
         `send()` gives a stream (`next().await`, or `futures_core::Stream`) of outputs, one request each. \
         It stops when a response has no next token or an empty one, when the service returns the token it was just sent, and after an error (which it gives first).",
        marker = op.marker,
    ));
    let tokens = quote! {
        #![doc = #module_doc]

        /// Where the tokens are, for the runtime's paging loop.
        static PAGINATION: #rt::client::Pagination = #rt::client::Pagination { input_token: #input_token, output_token: &[#( #output_token ),*] };

        #pages_doc
        #[derive(::std::fmt::Debug)]
        pub struct #ident {
            builder: super::builders::#fluent,
        }

        impl #ident {
            #[inline]
            pub(crate) fn new(builder: super::builders::#fluent) -> Self {
                #ident { builder }
            }

            #page_size

            #items_method

            /// Start paging: nothing is sent before the stream's first `next()`.
            #[inline]
            pub fn send(self) -> #rt::client::Pages<#output_path, super::#error> {
                #rt::client::Pages::new(&self.builder.client.handle, &super::OPERATION, &PAGINATION, self.builder.inner)
            }
        }

        #items_type
    };
    Some(EmittedFile { path: format!("{dir}/paginator.rs"), kind: FileKind::Rust(vec![Part::Tokens(tokens)]) })
}

/// `.items()` on the paginator, and the type it returns.
fn items_wrapper(krate: &Crate, op: &Operation, pages: &proc_macro2::Ident, output: &Structure, items: &PaginatorItems) -> Option<(TokenStream, TokenStream)> {
    let rt = rt();
    let ident = format_ident!("{}", items.ident);
    let output_path = path_tokens(&output.name.path);
    let error = format_ident!("{}", op.error.ident);
    // Move the collection out of the output along the path; an unset member reads as empty.
    let mut at = output;
    let mut take = quote!(output);
    let mut members = Vec::new();
    let mut collection = None;
    for (n, &index) in items.path.iter().enumerate() {
        let field = at.fields.get(index)?;
        let member = field.ident.to_ident();
        take = if n == 0 { quote!(#take.#member) } else { quote!(#take.and_then(|value| value.#member)) };
        members.push(field.member.clone());
        if n + 1 == items.path.len() {
            collection = Some(&field.ty);
        } else {
            at = match &field.ty {
                Type::Named { id, .. } => krate.structure(*id)?,
                _ => return None,
            };
        }
    }
    let (item, take) = match collection? {
        Type::List { item, sparse } => {
            let item = type_string(krate, item);
            let item = if *sparse { format!("::std::option::Option<{item}>") } else { item };
            (item, quote!(#take.unwrap_or_default()))
        }
        Type::Map { key, value, sparse } => {
            let value = type_string(krate, value);
            let value = if *sparse { format!("::std::option::Option<{value}>") } else { value };
            (format!("({}, {value})", type_string(krate, key)), quote!(#take.unwrap_or_default().into_iter().collect()))
        }
        _ => return None,
    };
    let item: TokenStream = item.parse().ok()?;
    let path = members.join(".");
    let method_doc = doc_lines(&format!("Page through the items instead: the entries of `{path}` of every page, one at a time."));
    let type_doc = doc_lines(&format!(
        "The items (`{path}`) of every page of [`{name}`](super::{marker}), one at a time, made by [`items`]({pages}::items).\n\n\
         `send()` gives a stream (`next().await`, or `futures_core::Stream`) of items; it pages as [`{pages}`] does, skipping pages without items.",
        name = op.name,
        marker = op.marker,
    ));
    let method = quote! {
        #method_doc
        #[inline]
        pub fn items(self) -> #ident {
            #ident(self)
        }
    };
    let ty = quote! {
        #type_doc
        #[derive(::std::fmt::Debug)]
        pub struct #ident(#pages);

        impl #ident {
            /// Start paging: nothing is sent before the stream's first `next()`.
            #[inline]
            pub fn send(self) -> #rt::client::Items<#item, #output_path, super::#error> {
                self.0.send().items(|output| #take)
            }
        }
    };
    Some((method, ty))
}
