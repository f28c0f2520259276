//! Strongly connected components of the shape graphs the checks and the lowering walk. Both
//! graphs come from the model, so the walk keeps its own stack: no hostile nesting depth reaches
//! the thread's.

/// The component of every node (`edges[n]` lists the nodes `n` points to), by Tarjan's
/// algorithm. Components are numbered in reverse topological order: every edge goes to a node
/// of the same component or of a lower-numbered one.
pub fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; count], vec![0; count], vec![UNSEEN; count]);
    let (mut next, mut components) = (0, 0);
    let mut stack: Vec<usize> = Vec::new();
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        // Nodes being walked, each with the index of the next edge to follow.
        let mut walk = vec![(root, 0)];
        order[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        while let Some(top) = walk.last_mut() {
            let node = top.0;
            if let Some(&child) = edges[node].get(top.1) {
                top.1 += 1;
                if order[child] == UNSEEN {
                    order[child] = next;
                    low[child] = next;
                    next += 1;
                    stack.push(child);
                    walk.push((child, 0));
                } else if component[child] == UNSEEN {
                    low[node] = low[node].min(order[child]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn cycles_share_a_component_and_edges_point_down() {
        // 0 -> 1 -> 2 -> 0 is a cycle, 2 -> 3, 4 -> 4 a loop, 5 alone.
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![], vec![4], vec![]];
        let c = strongly_connected(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[5] != c[0] && c[4] != c[5]);
        for (from, to) in edges.iter().enumerate().flat_map(|(n, e)| e.iter().map(move |&t| (n, t))) {
            assert!(c[to] <= c[from], "{from} -> {to}");
        }
    }

    #[test]
    fn a_chain_deeper_than_any_stack_is_walked() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|k| if k + 1 < n { vec![k + 1] } else { vec![] }).collect();
        let c = strongly_connected(&edges);
        assert_eq!(c[n - 1], 0);
        assert_eq!(c[0], n - 1);
    }
}
