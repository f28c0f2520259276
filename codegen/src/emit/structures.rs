//! Structures: the type with public fields and getters, its builder, `Debug` with redaction, and
//! for `@error` structures `Display` and `std::error::Error`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, doc_lines, is_copy, type_tokens, unboxed_tokens, REDACTED};
use crate::ir::{Field, Structure, Type};

pub(crate) fn emit_structure(s: &Structure) -> TokenStream {
    let name = format_ident!("{}", s.name.ident);
    let builder = format_ident!("{}", s.name.builder);
    let mut docs = s.docs.clone();
    if let Some(deprecated) = &s.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    let docs = doc_attrs(&docs);
    let fields = s.fields.iter().map(|f| {
        let ident = f.ident.to_ident();
        let ty = type_tokens(&f.ty);
        let docs = field_docs(f);
        quote! { #docs pub #ident: ::std::option::Option<#ty>, }
    });
    let getters = s.fields.iter().map(getter);
    let debug = debug_impl(&name, &s.name.ident, s.sensitive, &s.fields);
    let builder_debug = debug_impl(&builder, &s.name.builder, s.sensitive, &s.fields);
    let builder_fields = s.fields.iter().map(|f| {
        let ident = f.ident.to_ident();
        let ty = type_tokens(&f.ty);
        quote! { pub(crate) #ident: ::std::option::Option<#ty>, }
    });
    let setters = s.fields.iter().map(setters);
    let assign = s.fields.iter().map(|f| {
        let ident = f.ident.to_ident();
        quote!(#ident: self.#ident,)
    });
    let builder_doc = doc_lines(&format!("A builder for [`{}`].", s.name.ident));
    let error_impls = s.error.as_ref().map(|error| {
        let code = &error.code;
        let display = match error.message_field.map(|i| &s.fields[i]) {
            Some(field) => {
                let ident = field.ident.to_ident();
                quote! {
                    f.write_str(#code)?;
                    if let ::std::option::Option::Some(message) = &self.#ident {
                        write!(f, ": {message}")?;
                    }
                    ::std::result::Result::Ok(())
                }
            }
            None => quote!(f.write_str(#code)),
        };
        quote! {
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    #display
                }
            }

            impl ::std::error::Error for #name {}
        }
    });
    let validate = super::validate::structure_validate(s);
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq)]
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

        #debug

        #error_impls

        #validate

        #builder_doc
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
        #[non_exhaustive]
        pub struct #builder {
            #( #builder_fields )*
        }

        impl #builder {
            #( #setters )*

            /// Build the value, checking every constraint of the model first.
            ///
            /// # Errors
            ///
            /// A [`ValidationError`](crate::validation::ValidationError) listing every violated
            /// constraint, with its path and message.
            pub fn build(self) -> ::std::result::Result<#name, crate::validation::ValidationError> {
                let value = self.build_unvalidated();
                crate::validation::Validate::validate(&value)?;
                ::std::result::Result::Ok(value)
            }

            /// Build the value without checking constraints.
            ///
            /// The escape hatch for when the service has relaxed a limit this crate still enforces;
            /// the service remains the final judge of the request.
            pub fn build_unvalidated(self) -> #name {
                #name { #( #assign )* }
            }
        }

        #builder_debug
    }
}

fn field_docs(f: &Field) -> TokenStream {
    let mut docs = f.docs.clone();
    if let Some(deprecated) = &f.deprecated {
        docs.notes.push(format!("**Deprecated:** {}", crate::docs::to_rustdoc(deprecated)));
    }
    doc_attrs(&docs)
}

fn getter(f: &Field) -> TokenStream {
    let ident = f.ident.to_ident();
    let docs = field_docs(f);
    let (ret, body) = match &f.ty {
        Type::String => (quote!(::std::option::Option<&str>), quote!(self.#ident.as_deref())),
        Type::List(item) => {
            let item = type_tokens(item);
            (quote!(&[#item]), quote!(self.#ident.as_deref().unwrap_or_default()))
        }
        Type::Named { boxed: true, .. } => {
            let ty = unboxed_tokens(&f.ty);
            (quote!(::std::option::Option<&#ty>), quote!(self.#ident.as_deref()))
        }
        ty if is_copy(ty) => {
            let ty = type_tokens(ty);
            (quote!(::std::option::Option<#ty>), quote!(self.#ident))
        }
        ty => {
            let ty = type_tokens(ty);
            (quote!(::std::option::Option<&#ty>), quote!(self.#ident.as_ref()))
        }
    };
    let list_note = matches!(f.ty, Type::List(_)).then(|| quote! {
        ///
        /// An unset list reads as empty; check the field itself to tell the two apart.
    });
    quote! {
        #docs
        #list_note
        pub fn #ident(&self) -> #ret {
            #body
        }
    }
}

fn setters(f: &Field) -> TokenStream {
    let ident = f.ident.to_ident();
    let set = format_ident!("set_{}", f.ident.name);
    let get = format_ident!("get_{}", f.ident.name);
    let docs = field_docs(f);
    let ty = type_tokens(&f.ty);
    let add_one = match &f.ty {
        Type::List(item) => {
            let item = type_tokens(item);
            quote! {
                /// Append one item.
                ///
                #docs
                pub fn #ident(mut self, item: impl ::std::convert::Into<#item>) -> Self {
                    self.#ident.get_or_insert_with(::std::vec::Vec::new).push(item.into());
                    self
                }
            }
        }
        Type::Map(key, value) => {
            let key = type_tokens(key);
            let value = type_tokens(value);
            quote! {
                /// Insert one entry.
                ///
                #docs
                pub fn #ident(mut self, key: impl ::std::convert::Into<#key>, value: impl ::std::convert::Into<#value>) -> Self {
                    self.#ident.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value.into());
                    self
                }
            }
        }
        Type::Named { boxed: true, .. } => {
            let inner = unboxed_tokens(&f.ty);
            quote! {
                #docs
                pub fn #ident(mut self, input: impl ::std::convert::Into<#inner>) -> Self {
                    self.#ident = ::std::option::Option::Some(::std::boxed::Box::new(input.into()));
                    self
                }
            }
        }
        _ => quote! {
            #docs
            pub fn #ident(mut self, input: impl ::std::convert::Into<#ty>) -> Self {
                self.#ident = ::std::option::Option::Some(input.into());
                self
            }
        },
    };
    let member = &f.member;
    let set_doc = doc_lines(&format!("Set or clear `{member}`."));
    let get_doc = doc_lines(&format!("`{member}` as set so far."));
    quote! {
        #add_one

        #set_doc
        pub fn #set(mut self, input: ::std::option::Option<#ty>) -> Self {
            self.#ident = input;
            self
        }

        #get_doc
        pub fn #get(&self) -> &::std::option::Option<#ty> {
            &self.#ident
        }
    }
}

/// `Debug` that prints `*** Sensitive Data Redacted ***` for sensitive members (or everything,
/// for a sensitive structure), so secrets never reach logs.
fn debug_impl(name: &proc_macro2::Ident, display_name: &str, sensitive: bool, fields: &[Field]) -> TokenStream {
    if sensitive {
        return quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#REDACTED)
                }
            }
        };
    }
    let entries = fields.iter().map(|field| {
        let ident = field.ident.to_ident();
        let label = &field.ident.name;
        if field.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#display_name) #( #entries )* .finish()
            }
        }
    }
}
