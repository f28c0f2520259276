//! `Params`, its builder and their documentation, the builder's `bind` and `resolve_settings`
//! for the client, and the operations' tables of what they bind.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::doc_lines;
use crate::ir::endpoints::{ContextBinding, ContextSource, ParamType, ParamValue, Parameter, PathStep};

/// `Params` and its builder.
pub(super) fn params_items(params: &[Parameter]) -> (TokenStream, TokenStream) {
    let mut fields = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut build = Vec::new();
    for param in params {
        let field = param.field.to_ident();
        let setter_name = param.set.to_ident();
        let element = match param.ty {
            ParamType::String => quote!(::std::string::String),
            ParamType::Boolean => quote!(bool),
            ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
        };
        let field_ty = if param.always_set() { element.clone() } else { quote!(::std::option::Option<#element>) };
        let docs = doc_lines(&param_docs(param));
        fields.push(quote!(#docs pub #field: #field_ty,));
        builder_fields.push(quote!(#field: ::std::option::Option<#element>,));
        let (argument, stored) = match param.ty {
            ParamType::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
            ParamType::Boolean => (quote!(bool), quote!(value)),
            ParamType::StringArray => (quote!(::std::vec::Vec<::std::string::String>), quote!(value)),
        };
        let set_doc = doc_lines(&format!("Set `{}`.", param.name));
        let set_option_doc = doc_lines(&format!("Set or clear `{}`.", param.name));
        setters.push(quote! {
            #set_doc
            pub fn #field(mut self, value: #argument) -> Self {
                self.#field = ::std::option::Option::Some(#stored);
                self
            }
            #set_option_doc
            pub fn #setter_name(mut self, value: ::std::option::Option<#element>) -> Self {
                self.#field = value;
                self
            }
        });
        let value = match &param.default {
            None => quote!(self.#field),
            Some(ParamValue::Boolean(b)) => quote!(self.#field.unwrap_or(#b)),
            Some(ParamValue::String(s)) => quote!(self.#field.unwrap_or_else(|| ::std::string::String::from(#s))),
            Some(ParamValue::StringArray(items)) => {
                quote!(self.#field.unwrap_or_else(|| ::std::vec![#( ::std::string::String::from(#items) ),*]))
            }
        };
        build.push(quote!(#field: #value,));
    }
    let params_struct = quote! {
        /// The parameters of the endpoint rule set. Build them with [`Params::builder`];
        /// parameters with a default in the rule set are always set.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
        #[non_exhaustive]
        pub struct Params {
            #( #fields )*
        }

        impl Params {
            /// Start building parameters; unset parameters take the rule set's defaults.
            pub fn builder() -> ParamsBuilder {
                <ParamsBuilder as ::std::default::Default>::default()
            }
        }

        impl ::std::default::Default for Params {
            fn default() -> Self {
                <ParamsBuilder as ::std::default::Default>::default().build()
            }
        }
    };
    let builder = quote! {
        /// A builder for [`Params`].
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::default::Default)]
        pub struct ParamsBuilder {
            #( #builder_fields )*
        }

        impl ParamsBuilder {
            #( #setters )*

            /// The parameters, with the rule set's defaults for those left unset. Required parameters
            /// without a default are checked by [`resolve`].
            pub fn build(self) -> Params {
                Params {
                    #( #build )*
                }
            }
        }
    };
    (params_struct, builder)
}

fn param_docs(param: &Parameter) -> String {
    let mut text = param
        .documentation
        .as_deref()
        .map(crate::docs::to_rustdoc)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("The `{}` parameter of the rule set.", param.name));
    let mut facts = vec![format!("Rule set parameter `{}`", param.name)];
    if let Some(built_in) = &param.built_in {
        facts.push(format!("built-in `{built_in}`"));
    }
    if param.required {
        facts.push("required".to_string());
    }
    if let Some(default) = &param.default {
        facts.push(format!("default `{}`", default.to_json()));
    }
    text.push_str(&format!("\n\n{}.", facts.join("; ")));
    if let Some(note) = &param.rename_note {
        text.push_str(&format!("\n\n{note}"));
    }
    if let Some(deprecated) = &param.deprecated {
        text.push_str(&format!("\n\nDeprecated: {}", crate::docs::to_rustdoc(deprecated)));
    }
    text
}

/// `ParamsBuilder::bind`: the values a call binds (the runtime's `endpoint::bind`), by parameter
/// index, set over what the builder has; one arm per parameter some operation binds.
pub(super) fn bind(params: &[Parameter]) -> TokenStream {
    let value = quote!(::smithy_rt::endpoint::ParamValue);
    let arms: Vec<TokenStream> = params
        .iter()
        .enumerate()
        .filter(|(_, param)| param.bound)
        .map(|(index, param)| {
            let index = Literal::usize_unsuffixed(index);
            let field = param.field.to_ident();
            match param.ty {
                ParamType::String => quote!((#index, #value::String(value)) => self.#field(*value),),
                ParamType::Boolean => quote!((#index, #value::Bool(value)) => self.#field(*value),),
                ParamType::StringArray => {
                    quote!((#index, #value::Strings(values)) => self.#field(values.iter().map(|value| ::std::string::String::from(*value)).collect()),)
                }
            }
        })
        .collect();
    let body = if arms.is_empty() {
        quote! {
            let _ = bound;
            self
        }
    } else {
        quote! {
            for (param, value) in bound {
                self = match (*param, value) {
                    #( #arms )*
                    _ => self,
                };
            }
            self
        }
    };
    let receiver = if arms.is_empty() { quote!(self) } else { quote!(mut self) };
    quote! {
        impl ParamsBuilder {
            /// Set the parameters a call binds from its operation and input, by their index in the
            /// rule set, over what is set already (they are more specific than the client's settings).
            pub(crate) fn bind(#receiver, bound: &[(usize, #value<'_>)]) -> Self {
                #body
            }
        }
    }
}

/// An operation's table of bindings, for its `Operation` static.
pub(super) fn context_params(params: &[Parameter], bindings: &[ContextBinding]) -> TokenStream {
    let schema = quote!(::smithy_rt::schema);
    let entries = bindings.iter().filter_map(|binding| {
        let index = Literal::usize_unsuffixed(binding.param);
        Some(match &binding.source {
            ContextSource::Static(ParamValue::Boolean(b)) => quote!(#schema::ContextParam::new(#index, #schema::ContextValue::Bool(#b))),
            ContextSource::Static(ParamValue::String(s)) => quote!(#schema::ContextParam::new(#index, #schema::ContextValue::String(#s))),
            ContextSource::Static(ParamValue::StringArray(items)) => {
                quote!(#schema::ContextParam::new(#index, #schema::ContextValue::Strings(&[#( #items ),*])))
            }
            ContextSource::Input(steps) => {
                let kind = match params.get(binding.param)?.ty {
                    ParamType::String => quote!(String),
                    ParamType::Boolean => quote!(Bool),
                    ParamType::StringArray => quote!(Strings),
                };
                let steps = path_steps(steps);
                quote!(#schema::ContextParam::input(#index, #schema::ParamKind::#kind, #steps))
            }
        })
    });
    quote!(&[#( #entries ),*])
}

fn path_steps(steps: &[PathStep]) -> TokenStream {
    let schema = quote!(::smithy_rt::schema);
    let steps = steps.iter().map(|step| match step {
        PathStep::Member(index) => {
            let index = Literal::usize_unsuffixed(*index);
            quote!(#schema::PathStep::Member(#index))
        }
        PathStep::Items => quote!(#schema::PathStep::Items),
        PathStep::Values => quote!(#schema::PathStep::Values),
        PathStep::Keys => quote!(#schema::PathStep::Keys),
        PathStep::Select(paths) => {
            let paths = paths.iter().map(|path| path_steps(path));
            quote!(#schema::PathStep::Select(&[#( #paths ),*]))
        }
    });
    quote!(&[#( #steps ),*])
}

/// The client's settings as the rule set's built-in parameters (`AWS::Region`, `AWS::UseFIPS`,
/// `AWS::UseDualStack`, `SDK::Endpoint`), then what the operation binds, then `resolve`.
pub(super) fn resolve_settings(params: &[Parameter]) -> TokenStream {
    let setters = params.iter().filter_map(|param| {
        let set = param.set.to_ident();
        let value = match param.built_in.as_deref()? {
            "AWS::Region" => quote!(settings.region.map(::std::string::ToString::to_string)),
            "SDK::Endpoint" => quote!(settings.endpoint_url.map(::std::string::ToString::to_string)),
            "AWS::UseFIPS" => quote!(::std::option::Option::Some(settings.use_fips)),
            "AWS::UseDualStack" => quote!(::std::option::Option::Some(settings.use_dual_stack)),
            _ => return None,
        };
        Some(quote!(.#set(#value)))
    });
    quote! {
        /// The client's settings as the rule set's built-in parameters, with what the operation
        /// binds on top, resolved.
        pub(crate) fn resolve_settings(settings: &::smithy_rt::client::EndpointSettings<'_>) -> ::std::result::Result<Endpoint, ResolveError> {
            resolve(&Params::builder() #( #setters )* .bind(settings.params).build())
        }
    }
}
