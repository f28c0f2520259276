//! The service's `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`.

use super::Lowerer;
use crate::ir::EndpointRules;
use crate::model::ShapeId;

impl Lowerer<'_> {
    pub(super) fn endpoint_rules(&mut self, service: Option<&ShapeId>) -> Option<EndpointRules> {
        let shape = self.model.shape(service?)?;
        let rule_set = shape.traits.get("smithy.rules#endpointRuleSet")?.clone();
        let tests = shape.traits.get("smithy.rules#endpointTests").cloned();
        Some(EndpointRules { rule_set, tests })
    }
}
