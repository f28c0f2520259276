//! Structures: the type with public fields and getters, its builder, its schema, and the runtime
//! macro that implements the schema accessors, `Value`, `Decode` and a redacting `Debug`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::schemas::{member_tokens, shape_settings};
use super::{doc_attrs, doc_lines, is_copy, rt, type_tokens, unboxed_tokens};
use crate::ir::{Crate, Field, Structure, Type};
use crate::naming;
use crate::traits::Fault;

fn field_docs(f: &Field) -> TokenStream {
    let mut docs = f.docs.clone();
    if let Some(deprecated) = &f.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    doc_attrs(&docs)
}

/// The one-line doc of a getter or setter: the member's summary, or `fallback`.
fn summary(f: &Field, fallback: String) -> TokenStream {
    doc_lines(f.summary.as_deref().unwrap_or(&fallback))
}

fn getter(krate: &Crate, f: &Field) -> TokenStream {
    let ident = f.ident.to_ident();
    let docs = summary(f, format!("`{}`, if set.", f.member));
    let (ret, body) = match &f.ty {
        Type::String => (quote!(::std::option::Option<&str>), quote!(self.#ident.as_deref())),
        Type::List { item, sparse } => {
            let item = type_tokens(krate, item);
            let item = if *sparse { quote!(::std::option::Option<#item>) } else { item };
            (quote!(&[#item]), quote!(self.#ident.as_deref().unwrap_or_default()))
        }
        Type::Named { boxed: true, .. } => {
            let ty = unboxed_tokens(krate, &f.ty);
            (quote!(::std::option::Option<&#ty>), quote!(self.#ident.as_deref()))
        }
        ty if is_copy(ty) => {
            let ty = type_tokens(krate, ty);
            (quote!(::std::option::Option<#ty>), quote!(self.#ident))
        }
        ty => {
            let ty = type_tokens(krate, ty);
            (quote!(::std::option::Option<&#ty>), quote!(self.#ident.as_ref()))
        }
    };
    let list_note = matches!(f.ty, Type::List { .. }).then(|| quote!(#[doc = ""] #[doc = " An unset list reads as empty; check the field itself to tell the two apart."]));
    quote! {
        #docs
        #list_note
        pub fn #ident(&self) -> #ret {
            #body
        }
    }
}

fn setters(krate: &Crate, f: &Field) -> TokenStream {
    let ident = f.ident.to_ident();
    let set = f.set.to_ident();
    let get = f.get.to_ident();
    let ty = type_tokens(krate, &f.ty);
    let member = &f.member;
    let add_one = match &f.ty {
        Type::List { item, sparse } => {
            let item = type_tokens(krate, item);
            let item = if *sparse { quote!(::std::option::Option<#item>) } else { item };
            let docs = doc_lines(&format!("Append one item to `{member}`."));
            quote! {
                #docs
                pub fn #ident(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                    self.inner.#ident.get_or_insert_with(::std::vec::Vec::new).push(item.into());
                    self
                }
            }
        }
        Type::Map { key, value, sparse } => {
            let key = type_tokens(krate, key);
            let value = type_tokens(krate, value);
            let value = if *sparse { quote!(::std::option::Option<#value>) } else { value };
            let docs = doc_lines(&format!("Insert one entry into `{member}`."));
            quote! {
                #docs
                pub fn #ident(mut self, key: impl ::std::convert::Into<#key>, value: impl ::std::convert::Into<#value>) -> Self {
                    self.inner.#ident.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value.into());
                    self
                }
            }
        }
        Type::Named { boxed: true, .. } => {
            let inner = unboxed_tokens(krate, &f.ty);
            let docs = summary(f, format!("Set `{member}`."));
            quote! {
                #docs
                pub fn #ident(mut self, input: impl ::std::convert::Into<#inner>) -> Self {
                    self.inner.#ident = ::std::option::Option::Some(::std::boxed::Box::new(input.into()));
                    self
                }
            }
        }
        _ => {
            let docs = summary(f, format!("Set `{member}`."));
            quote! {
                #docs
                pub fn #ident(mut self, input: impl ::std::convert::Into<#ty>) -> Self {
                    self.inner.#ident = ::std::option::Option::Some(input.into());
                    self
                }
            }
        }
    };
    let set_doc = doc_lines(&format!("Set or clear `{member}`."));
    let get_doc = doc_lines(&format!("`{member}` as set so far."));
    quote! {
        #add_one

        #set_doc
        pub fn #set(mut self, input: ::std::option::Option<#ty>) -> Self {
            self.inner.#ident = input;
            self
        }

        #get_doc
        pub fn #get(&self) -> &::std::option::Option<#ty> {
            &self.inner.#ident
        }
    }
}

/// The structure's schema static.
fn schema(krate: &Crate, s: &Structure) -> TokenStream {
    let rt = rt();
    let id = &s.shape_id;
    let members = s.fields.iter().map(|f| member_tokens(krate, &f.schema));
    let mut settings = shape_settings(s.sensitive, s.xml_name.as_deref(), s.xml_namespace.as_ref());
    if let Some(error) = &s.error {
        let code = &error.code;
        let server = error.fault == Fault::Server;
        let mut info = quote!(#rt::schema::ErrorInfo::new(#code, #server));
        if let Some(status) = error.http_status {
            info.extend(quote!(.status(#status)));
        }
        if let Some(throttling) = error.retryable {
            info.extend(quote!(.retryable(#throttling)));
        }
        if let Some(index) = error.message_field {
            let index = Literal::usize_unsuffixed(index);
            info.extend(quote!(.message(#index)));
        }
        if let Some((code, status)) = &error.query_error {
            info.extend(quote!(.query_code(#code, #status)));
        }
        settings.extend(quote!(.error(#info)));
    }
    let schema = format_ident!("{}", naming::SCHEMA_STATIC);
    quote! {
        pub(crate) static #schema: #rt::schema::Schema = #rt::schema::Schema::structure(#id, &[#( #members ),*]) #settings;
    }
}

pub(crate) fn emit_structure(krate: &Crate, s: &Structure) -> TokenStream {
    let rt = rt();
    let name = format_ident!("{}", s.name.ident);
    let builder = format_ident!("{}", s.builder);
    let mut docs = s.docs.clone();
    if let Some(deprecated) = &s.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    let docs = doc_attrs(&docs);
    let fields = s.fields.iter().map(|f| {
        let ident = f.ident.to_ident();
        let ty = type_tokens(krate, &f.ty);
        let docs = field_docs(f);
        quote! { #docs pub #ident: ::std::option::Option<#ty>, }
    });
    let getters = s.fields.iter().map(|f| getter(krate, f));
    let setters = s.fields.iter().map(|f| setters(krate, f));
    let accessors = s.fields.iter().enumerate().map(|(i, f)| {
        let index = Literal::usize_unsuffixed(i);
        let ident = f.ident.to_ident();
        quote!(#index => #ident)
    });
    let schema_ident = format_ident!("{}", naming::SCHEMA_STATIC);
    let schema = schema(krate, s);
    let (builder_struct, builder_impl, builder_arg) = if s.client_builder {
        let doc = doc_lines(&format!(
            "A builder for [`{}`].\n\n`C` is `()` for a builder made with [`{}::builder`]; the builder a client's method returns holds the client instead, and adds `send()`.",
            s.name.ident, s.name.ident
        ));
        (
            quote! {
                #doc
                #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
                pub struct #builder<C = ()> {
                    inner: #name,
                    client: C,
                }
            },
            quote!(impl<C> #builder<C>),
            quote!(#builder<C>),
        )
    } else {
        let doc = doc_lines(&format!("A builder for [`{}`].", s.name.ident));
        (
            quote! {
                #doc
                #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
                pub struct #builder {
                    inner: #name,
                }
            },
            quote!(impl #builder),
            quote!(#builder),
        )
    };
    let error_impls = s.error.as_ref().map(|_| quote!(#rt::error_structure!(#name);));
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            /// Start building a value; `build()` checks every constraint of the model.
            pub fn builder() -> #builder {
                <#builder as ::std::default::Default>::default()
            }

            #( #getters )*
        }

        #builder_struct

        #builder_impl {
            #( #setters )*

            /// Build the value, checking every constraint of the model first.
            ///
            /// # Errors
            ///
            /// A [`ValidationError`](crate::error::ValidationError) listing every violated
            /// constraint, with its path and message.
            pub fn build(self) -> ::std::result::Result<#name, crate::error::ValidationError> {
                #rt::validate::checked(self.inner)
            }

            /// Build the value without checking constraints.
            ///
            /// The escape hatch for when the service has relaxed a limit this crate still enforces;
            /// the service remains the final judge of the request.
            pub fn build_unvalidated(self) -> #name {
                self.inner
            }
        }

        #schema

        #rt::structure!(#name, #schema_ident, [#( #accessors ),*], builder: #builder_arg);

        #error_impls
    }
}
