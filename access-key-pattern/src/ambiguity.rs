//! The checks that keep backtracking engines (Python `re`, JavaScript
//! `RegExp`) linear and Go's RE2 willing: repetition counts and nesting
//! ([`check_repetition`]), then the ambiguity of the position (Glushkov)
//! automaton ([`check_ambiguity`]).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex_syntax::hir::ClassUnicode;

use crate::lower::Node;
use crate::print::quantifier;
use crate::{error, unsupported, PatternError};

/// Largest repetition count Go's RE2 accepts (also for nested counts multiplied).
pub(crate) const RE2_MAX_REPEAT: u32 = 1000;
/// Budget for the catastrophic-backtracking analysis (positions of one repeated group).
const MAX_POSITIONS: usize = 4096;
/// Budget for the catastrophic-backtracking analysis (pairs of positions explored).
const MAX_PAIRS: usize = 1 << 22;
/// Positions of the whole-pattern automaton the readings count may work on.
const MAX_COUNTED_POSITIONS: usize = 1 << 16;
/// Most readings any prefix may have (see [`check_readings`]).
const MAX_READINGS: u32 = 256;
/// Budget for [`check_readings`]: entries of all the reading vectors explored.
const MAX_READING_ENTRIES: usize = 1 << 21;

const NESTED_MESSAGE: &str =
    "pattern has nested unbounded repetition (catastrophic backtracking in Python and JavaScript)";
/// Start of the message for polynomially ambiguous patterns such as `\w+\w+`.
const POLYNOMIAL_MESSAGE: &str = "pattern is polynomially ambiguous";

/// Rejects an unbounded repeat inside another one, and counts RE2 refuses
/// (any count above 1000, or nested counts whose product exceeds 1000, as Go's
/// `repeatIsValid` computes it).
pub(crate) fn check_repetition(
    node: &Node,
    unbounded_outer: Option<&Range<usize>>,
    budget: u32,
) -> Result<(), PatternError> {
    match node {
        Node::Empty | Node::Class { .. } => Ok(()),
        Node::Concat(items) | Node::Alt(items) => items
            .iter()
            .try_for_each(|n| check_repetition(n, unbounded_outer, budget)),
        Node::Repeat {
            sub,
            min,
            max,
            span,
        } => {
            if *min > RE2_MAX_REPEAT || max.is_some_and(|m| m > RE2_MAX_REPEAT) {
                return Err(unsupported(
                    "repetition count above 1000 (the limit of Go's RE2)",
                    span.clone(),
                ));
            }
            if max.is_none() {
                if let Some(outer) = unbounded_outer {
                    return Err(error(NESTED_MESSAGE, Some(outer.clone())));
                }
            }
            let mut budget = budget;
            if quantifier(*min, *max).starts_with('{') {
                let count = max.unwrap_or(*min);
                if count > budget {
                    return Err(unsupported(
                        "nested counted repetitions multiply to more than 1000 (the limit of Go's RE2)",
                        span.clone(),
                    ));
                }
                budget = budget.checked_div(count).unwrap_or(budget);
            }
            let outer = if max.is_none() {
                Some(span)
            } else {
                unbounded_outer
            };
            check_repetition(sub, outer, budget)
        }
    }
}

/// Rejects patterns whose position (Glushkov) automaton has an infinite degree
/// of ambiguity: the number of ways to read a prefix of the input grows without
/// bound with its length. A backtracking engine (Python `re`, JavaScript
/// `RegExp`) given a near miss (a long run the pattern accepts, then a char that
/// makes the whole match fail) tries every one of those ways before giving up,
/// so its time is the sum over the prefixes of their number of readings.
///
/// 1. Exponential ([`check_exponential`]): an unbounded repeat whose body can
///    split one string in two ways, like `(a|aa)+` or `([a-z]{1,3})+`.
/// 2. Polynomial ([`check_polynomial`]): two unbounded repeats that can read
///    the same run and are joined by a path that reads it too, like `\w+\w+`,
///    `\w*x?\w*`, `[a-z]+[a-z0-9]+` or `((\w+){2}){3}` (degree 6); time
///    `n^(d+1)` for `d` such repeats in a row.
///
/// Both tests are exact on the automaton, so everything accepted has a bounded
/// number of readings per prefix and runs in linear time: `[a-z]+[0-9]+`,
/// `\w+-\w+`, `a*[ab]b*` (two readings at most) are kept.
///
/// Bounded repeats `x{m,n}` are expanded into `n` copies of `x` (the way a
/// backtracking engine counts), so they never form a cycle and never cause
/// polynomial blow-up by themselves: `\w{0,64}\w{0,64}` is finitely ambiguous
/// (at most 65 readings of a prefix, and no match is longer than 128 chars).
/// They only matter between two unbounded repeats (`\w+x{0,3}\w+` is refused),
/// or when they copy one (`(\w+){2}` is `\w+\w+`, refused).
///
/// 3. Finite but large ([`check_readings`]): a finitely ambiguous pattern can
///    still give one prefix exponentially many readings in the pattern's size,
///    `(\S|\S){16}` (65,536 for 16 chars) or `a?a?a?a?...`. Any prefix may have
///    at most [`MAX_READINGS`] readings, so a near miss of `n` chars costs at
///    most `256 n` steps.
pub(crate) fn check_ambiguity(node: &Node, pattern: &str) -> Result<(), PatternError> {
    check_exponential(node)?;
    check_polynomial(node, pattern)?;
    check_readings(node, pattern)
}

/// Rejects unbounded repeats whose body can split one string in two ways, like
/// `(a|aa)+` or `([a-z]{1,3})+`: exponential time in backtracking engines.
///
/// Runs after [`check_repetition`], so a repeated body has no unbounded repeat
/// itself and every cycle of the position automaton lies inside one repeat.
/// The position (Glushkov) automaton of `body+` has exponential degree of
/// ambiguity iff some strongly connected component of its self-product holds
/// a diagonal pair `(p, p)` and a pair `(q, r)` with `q != r`, or an edge
/// that the body can take in two ways: `(b?a?)*` or `(x(a?|)y)+`, where an
/// empty match makes two parses of one path (see [`Frag`]).
fn check_exponential(node: &Node) -> Result<(), PatternError> {
    match node {
        Node::Empty | Node::Class { .. } => Ok(()),
        Node::Concat(items) | Node::Alt(items) => items.iter().try_for_each(check_exponential),
        Node::Repeat { sub, max, span, .. } => {
            if max.is_none() {
                let mut g = Glushkov::with_limit(MAX_POSITIONS);
                let frag = g.build(sub).map_err(|()| too_complex(span))?;
                for &p in &frag.last {
                    g.follow[p].extend_from_slice(&frag.first);
                }
                if g.exponentially_ambiguous()
                    .map_err(|()| too_complex(span))?
                {
                    return Err(error(NESTED_MESSAGE, Some(span.clone())));
                }
                Ok(())
            } else {
                check_exponential(sub)
            }
        }
    }
}

/// How many unbounded repeats the position automaton of `node` holds (bounded
/// repeats copy their body `max` times).
fn loop_count(node: &Node) -> u64 {
    match node {
        Node::Empty | Node::Class { .. } => 0,
        Node::Concat(items) | Node::Alt(items) => items
            .iter()
            .fold(0u64, |n, item| n.saturating_add(loop_count(item))),
        Node::Repeat { max: None, .. } => 1,
        Node::Repeat {
            sub,
            max: Some(max),
            ..
        } => loop_count(sub).saturating_mul(u64::from(*max)),
    }
}

/// Rejects polynomially ambiguous patterns such as `\w+\w+`: quadratic (or
/// worse) time in backtracking engines on a near miss.
///
/// Runs after [`check_exponential`], on the position automaton of the whole
/// pattern. Every cycle of it lies inside one unbounded repeat, whose positions
/// form one strongly connected component (a "loop"); all positions are
/// reachable from the start and reach the end. By Weber and Seidl, an automaton
/// without exponential ambiguity has infinite degree of ambiguity iff there are
/// positions `p != q` and a word `v` with paths `p -v-> p`, `p -v-> q` and
/// `q -v-> q`; then `p` and `q` lie in two different loops, and the first and
/// last paths stay inside them. That is a path from `(p, p, q)` to `(p, q, q)`
/// in the three-fold product automaton, searched for each such pair.
///
/// Near-miss strings fail only at their end, so what counts is every reading
/// of every prefix; as every position reaches the end, the test is the same
/// whether or not it asks for readings that can still be completed.
fn check_polynomial(node: &Node, pattern: &str) -> Result<(), PatternError> {
    if loop_count(node) < 2 {
        return Ok(());
    }
    let whole = 0..pattern.len();
    let mut g = Glushkov::with_limit(MAX_POSITIONS);
    g.build(node).map_err(|()| too_complex_pattern(&whole))?;
    let Some((i, j)) = g
        .polynomially_ambiguous()
        .map_err(|()| too_complex_pattern(&whole))?
    else {
        return Ok(());
    };
    let text = |r: &Range<usize>| pattern.get(r.clone()).unwrap_or("");
    let (a, b) = (&g.loops[i], &g.loops[j]);
    const ADVICE: &str = "can split one run of characters in many ways (polynomial backtracking in Python and JavaScript); \
         keep one unbounded repeat and bound the other (`\\w+\\w+` is `\\w{2,}`, `[a-z]+[0-9a-z]+` is `[a-z][0-9a-z]+`) \
         or put a character between them that neither matches";
    if a.span != b.span {
        let span = a.span.start.min(b.span.start)..a.span.end.max(b.span.end);
        return Err(error(
            format!(
                "{POLYNOMIAL_MESSAGE}: `{}` and `{}` {ADVICE}",
                text(&a.span),
                text(&b.span)
            ),
            Some(span),
        ));
    }
    // Two copies of one repeat made by a bounded repeat around it, as in
    // `(\w+){2}`: point at the outermost bounded repeat that separates them.
    let copier = a
        .copies
        .iter()
        .zip(&b.copies)
        .find(|(x, y)| x.1 != y.1)
        .map_or_else(|| a.span.clone(), |(x, _)| x.0.clone());
    Err(error(
        format!(
            "{POLYNOMIAL_MESSAGE}: `{}` repeats `{}`, whose copies {ADVICE}",
            text(&copier),
            text(&a.span)
        ),
        Some(copier),
    ))
}

fn too_complex_pattern(span: &Range<usize>) -> PatternError {
    unsupported(
        "pattern too large to check for polynomial backtracking",
        span.clone(),
    )
}

/// Rejects patterns where some prefix of the input has more than
/// [`MAX_READINGS`] readings: paths of the whole-pattern position automaton,
/// counted with the multiplicities of [`Frag`] (the ways a backtracking engine
/// can reach a position). On a near miss the engine tries every reading of
/// every prefix, so this bounds its work per input char.
///
/// Runs after [`check_exponential`] and [`check_polynomial`], so the number of
/// readings of a prefix is bounded and the search below ends; it explores the
/// vectors "readings per position" reachable by some input (one char per class
/// of chars the pattern cannot tell apart), shortest inputs first, and reports
/// the first input whose readings exceed the bound, as an example. Patterns
/// whose inputs make too many different vectors, like
/// `[a-z]{0,255}[a-f0-9]{0,255}` (one per pair of split points), are refused
/// as too large to check.
fn check_readings(node: &Node, pattern: &str) -> Result<(), PatternError> {
    let whole = 0..pattern.len();
    let too_large = || {
        unsupported(
            "pattern too large to check for backtracking (lower the repetition counts)",
            whole.clone(),
        )
    };
    let mut g = Glushkov::with_limit(MAX_COUNTED_POSITIONS);
    let frag = g.build(node).map_err(|()| too_large())?;
    let Some(input) = g.too_many_readings(&frag.first).map_err(|()| too_large())? else {
        return Ok(());
    };
    let chars = input.chars().count();
    let mut shown: String = input
        .chars()
        .take(24)
        .flat_map(char::escape_debug)
        .collect();
    if chars > 24 {
        shown.push_str(&format!("…` ({chars} chars)"));
    } else {
        shown.push('`');
    }
    Err(error(
        format!(
            "pattern is too ambiguous: the input `{shown} can be read in more than {MAX_READINGS} ways \
             (backtracking in Python and JavaScript tries each one on a near miss); \
             make alternatives and neighbouring repeats exclusive (`(\\S|\\S)` is `\\S`, \
             `a?a?a?` is `a{{0,3}}`) or lower the counts"
        ),
        Some(whole),
    ))
}

fn too_complex(span: &Range<usize>) -> PatternError {
    unsupported(
        "repeated group too large to check for catastrophic backtracking",
        span.clone(),
    )
}

/// A fragment of the position automaton, counted with multiplicity: a position
/// listed twice in `first` (or `last`) can start (or end) the fragment's match
/// in two ways, as a backtracking engine tries them. `x(a?|)y` reaches `y` from
/// `x` in two ways (empty `a?`, empty branch), so `follow[x]` lists `y` twice;
/// inside a loop that doubles the work at every iteration, like `(b?a?)*`
/// (`ba` is one iteration or two).
struct Frag {
    first: Vec<usize>,
    last: Vec<usize>,
    /// Number of ways to match the empty string, capped at 2.
    nullable: u8,
}

impl Frag {
    fn empty() -> Frag {
        Frag {
            first: Vec::new(),
            last: Vec::new(),
            nullable: 1,
        }
    }
}

/// `list` followed by `times` copies of `more`, keeping at most two copies of
/// any position (two are enough to tell ambiguity, and bound the lists).
fn with_copies(mut list: Vec<usize>, more: &[usize], times: u8) -> Vec<usize> {
    for _ in 0..times {
        list.extend_from_slice(more);
    }
    if times > 0 {
        list.sort_unstable();
        let mut kept = 0;
        for i in 0..list.len() {
            if kept < 2 || list[kept - 2] != list[i] {
                list[kept] = list[i];
                kept += 1;
            }
        }
        list.truncate(kept);
    }
    list
}

/// Readings per position (position, count), sorted, without zeros.
type Readings = Vec<(u32, u32)>;

#[derive(Default)]
struct Glushkov<'a> {
    /// Distinct classes (copies of one IR class share an entry).
    classes: Vec<&'a ClassUnicode>,
    class_ids: HashMap<*const ClassUnicode, usize>,
    /// Class id of each position.
    class_of: Vec<usize>,
    /// Positions that may follow each position.
    follow: Vec<Vec<usize>>,
    /// Memo of class overlaps: 0 unknown, 1 disjoint, 2 overlapping.
    overlap: Vec<u8>,
    /// The unbounded repeat (index into `loops`) each position belongs to.
    loop_of: Vec<Option<usize>>,
    /// Every copy of an unbounded repeat in the automaton.
    loops: Vec<Loop>,
    /// The loop being built, if any.
    current_loop: Option<usize>,
    /// The bounded repeats around the node being built: span and copy number.
    copies: Vec<(Range<usize>, u32)>,
    /// Most positions to build.
    limit: usize,
    /// Edges added so far (with multiplicity).
    edges: usize,
}

/// One copy of an unbounded repeat in the position automaton.
struct Loop {
    /// Span of the repeat in the pattern.
    span: Range<usize>,
    /// The bounded repeats around this copy (outermost first): span and copy number.
    copies: Vec<(Range<usize>, u32)>,
}

impl<'a> Glushkov<'a> {
    /// An empty automaton that refuses to grow past `limit` positions.
    fn with_limit(limit: usize) -> Self {
        Glushkov {
            limit,
            ..Glushkov::default()
        }
    }

    fn build(&mut self, node: &'a Node) -> Result<Frag, ()> {
        match node {
            Node::Empty => Ok(Frag::empty()),
            Node::Class { set, .. } => {
                if self.follow.len() >= self.limit {
                    return Err(());
                }
                let next = self.classes.len();
                let id = *self.class_ids.entry(set as *const _).or_insert(next);
                if id == next {
                    self.classes.push(set);
                }
                let p = self.follow.len();
                self.follow.push(Vec::new());
                self.class_of.push(id);
                self.loop_of.push(self.current_loop);
                Ok(Frag {
                    first: vec![p],
                    last: vec![p],
                    nullable: 0,
                })
            }
            Node::Concat(items) => {
                let mut acc = Frag::empty();
                for item in items {
                    let f = self.build(item)?;
                    acc = self.concat(acc, f)?;
                }
                Ok(acc)
            }
            Node::Alt(items) => {
                let mut acc = Frag {
                    first: Vec::new(),
                    last: Vec::new(),
                    nullable: 0,
                };
                for item in items {
                    let f = self.build(item)?;
                    acc.first = with_copies(acc.first, &f.first, 1);
                    acc.last = with_copies(acc.last, &f.last, 1);
                    acc.nullable = (acc.nullable + f.nullable).min(2);
                }
                Ok(acc)
            }
            Node::Repeat {
                sub,
                min,
                max,
                span,
            } => {
                let mut acc = Frag::empty();
                for copy in 0..*min {
                    let f = self.build_copy(sub, span, copy)?;
                    acc = self.concat(acc, f)?;
                }
                let tail = match max {
                    // x{n,m}: the optional part as nested groups (x(x(x)?)?)?, the
                    // way a backtracking engine counts (so an `x` that can match
                    // empty gives each optional copy two empty matches, as in
                    // Python's `re`).
                    Some(max) => {
                        let mut tail = Frag::empty();
                        for copy in (*min..*max).rev() {
                            let f = self.build_copy(sub, span, copy)?;
                            tail = self.concat(f, tail)?;
                            tail.nullable = (tail.nullable + 1).min(2);
                        }
                        tail
                    }
                    None => {
                        let outer = self.current_loop.replace(self.loops.len());
                        self.loops.push(Loop {
                            span: span.clone(),
                            copies: self.copies.clone(),
                        });
                        let f = self.build(sub);
                        self.current_loop = outer;
                        let mut f = f?;
                        self.link(&f.last, &f.first)?;
                        // Zero iterations; engines stop an iteration that matches
                        // empty, so the body's empty matches add no other way.
                        f.nullable = 1;
                        f
                    }
                };
                self.concat(acc, tail)
            }
        }
    }

    /// Builds copy number `copy` of the body of the bounded repeat at `span`.
    fn build_copy(&mut self, sub: &'a Node, span: &Range<usize>, copy: u32) -> Result<Frag, ()> {
        self.copies.push((span.clone(), copy));
        let f = self.build(sub);
        self.copies.pop();
        f
    }

    fn concat(&mut self, a: Frag, b: Frag) -> Result<Frag, ()> {
        self.link(&a.last, &b.first)?;
        Ok(Frag {
            first: with_copies(a.first, &b.first, a.nullable),
            last: with_copies(b.last, &a.last, b.nullable),
            nullable: (a.nullable * b.nullable).min(2),
        })
    }

    /// Adds the edges `from × to`, within the edge budget ([`MAX_PAIRS`]).
    fn link(&mut self, from: &[usize], to: &[usize]) -> Result<(), ()> {
        self.edges = self
            .edges
            .saturating_add(from.len().saturating_mul(to.len()));
        if self.edges > MAX_PAIRS {
            return Err(());
        }
        for &p in from {
            self.follow[p].extend_from_slice(to);
        }
        Ok(())
    }

    /// Whether positions `p` and `q` can read a common char (memoized per class pair).
    fn overlaps(&mut self, p: usize, q: usize) -> bool {
        let (a, b) = (self.class_of[p], self.class_of[q]);
        if a == b {
            return true;
        }
        let d = self.classes.len();
        let key = a.min(b) * d + a.max(b);
        match self.overlap[key] {
            1 => false,
            2 => true,
            _ => {
                let mut set = self.classes[a].clone();
                set.intersect(self.classes[b]);
                let v = !set.ranges().is_empty();
                self.overlap[key] = if v { 2 } else { 1 };
                v
            }
        }
    }

    /// Whether the position automaton of `body+` (the loop edges already added)
    /// has exponential degree of ambiguity.
    ///
    /// Works on unordered pairs of positions `{p, q}` that can read one char, with
    /// an edge `{p, q} -> {p', q'}` when `p' ∈ follow(p)`, `q' ∈ follow(q)`. The
    /// automaton of `body+` is strongly connected (every position lies on some
    /// match of the body), so all diagonal pairs `{p, p}` lie in one strongly
    /// connected component, and the automaton is exponentially ambiguous iff some
    /// edge has multiplicity two or some pair `{q, r}`, `q != r`, is reachable
    /// from the diagonal and reaches it back.
    fn exponentially_ambiguous(&mut self) -> Result<bool, ()> {
        let n = self.follow.len();
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (p, follow) in self.follow.iter_mut().enumerate() {
            follow.sort_unstable();
            // One edge in two ways (see [`Frag`]): two cycles read the same word.
            if follow.windows(2).any(|w| w[0] == w[1]) {
                return Ok(true);
            }
            follow.dedup();
            for &q in follow.iter() {
                pred[q].push(p);
            }
        }
        let d = self.classes.len();
        self.overlap = vec![0; d * d];
        let index = |a: usize, b: usize| a.min(b) * n + a.max(b);

        // Forward from the diagonal.
        let mut forward = vec![0u64; (n * n).div_ceil(64)];
        let mut queue: Vec<(usize, usize)> = (0..n).map(|p| (p, p)).collect();
        for p in 0..n {
            let i = index(p, p);
            forward[i / 64] |= 1 << (i % 64);
        }
        let mut visited = n;
        while let Some((p, q)) = queue.pop() {
            for j in 0..self.follow[p].len() {
                for k in 0..self.follow[q].len() {
                    let (p2, q2) = (self.follow[p][j], self.follow[q][k]);
                    let i = index(p2, q2);
                    if forward[i / 64] & (1 << (i % 64)) == 0 && self.overlaps(p2, q2) {
                        forward[i / 64] |= 1 << (i % 64);
                        visited += 1;
                        if visited > MAX_PAIRS {
                            return Err(());
                        }
                        queue.push((p2, q2));
                    }
                }
            }
        }

        // Backward from the diagonal, inside the forward set.
        let mut backward = vec![0u64; forward.len()];
        let mut queue: Vec<(usize, usize)> = (0..n).map(|p| (p, p)).collect();
        for p in 0..n {
            let i = index(p, p);
            backward[i / 64] |= 1 << (i % 64);
        }
        while let Some((p, q)) = queue.pop() {
            for &p0 in &pred[p] {
                for &q0 in &pred[q] {
                    let i = index(p0, q0);
                    if forward[i / 64] & (1 << (i % 64)) != 0
                        && backward[i / 64] & (1 << (i % 64)) == 0
                    {
                        if p0 != q0 {
                            return Ok(true);
                        }
                        backward[i / 64] |= 1 << (i % 64);
                        queue.push((p0, q0));
                    }
                }
            }
        }
        Ok(false)
    }

    /// Whether three positions can read one common char (memoized per class triple).
    fn overlaps3(
        &mut self,
        memo: &mut HashMap<[usize; 3], bool>,
        p: usize,
        q: usize,
        r: usize,
    ) -> bool {
        let mut key = [self.class_of[p], self.class_of[q], self.class_of[r]];
        key.sort_unstable();
        if key[0] == key[2] {
            return true;
        }
        if let Some(&v) = memo.get(&key) {
            return v;
        }
        let mut set = self.classes[key[0]].clone();
        set.intersect(self.classes[key[1]]);
        set.intersect(self.classes[key[2]]);
        let v = !set.ranges().is_empty();
        memo.insert(key, v);
        v
    }

    /// For the automaton of a whole pattern (without exponential ambiguity),
    /// a pair of loops `(i, j)` such that some positions `p` of loop `i` and
    /// `q` of loop `j` and a word `v` have paths `p -v-> p`, `p -v-> q`,
    /// `q -v-> q` (so `v^k` has `k + 1` readings from `p` to `q`).
    ///
    /// Searches the three-fold product from `(p, p, q)` for `(p, q, q)`, with
    /// the first component kept inside loop `i` and the third inside loop `j`
    /// (a cycle through a position never leaves its loop), and the second
    /// restricted to positions that can still reach loop `j`.
    fn polynomially_ambiguous(&mut self) -> Result<Option<(usize, usize)>, ()> {
        let n = self.follow.len();
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (p, follow) in self.follow.iter_mut().enumerate() {
            follow.sort_unstable();
            follow.dedup();
            for &q in follow.iter() {
                pred[q].push(p);
            }
        }
        let d = self.classes.len();
        self.overlap = vec![0; d * d];
        let mut memo = HashMap::new();
        let loops = self.loops.len();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); loops];
        for (p, l) in self.loop_of.iter().enumerate() {
            if let Some(l) = *l {
                members[l].push(p);
            }
        }

        // Positions reachable from `start` along `edges` (plain graph search).
        let search = |start: &[usize], edges: &[Vec<usize>]| -> Vec<bool> {
            let mut seen = vec![false; n];
            let mut stack = start.to_vec();
            for &p in start {
                seen[p] = true;
            }
            while let Some(p) = stack.pop() {
                for &q in &edges[p] {
                    if !seen[q] {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
            seen
        };

        let mut visited_total = 0usize;
        for j in 0..loops {
            // Positions from which loop j can be reached.
            let to_j = search(&members[j], &pred);
            for i in 0..loops {
                if i == j || members[i].iter().all(|&p| !to_j[p]) {
                    continue;
                }
                for pi in 0..members[i].len() {
                    for qi in 0..members[j].len() {
                        let (p, q) = (members[i][pi], members[j][qi]);
                        // The last char of `v` is read by `p` and by `q`.
                        if !self.overlaps(p, q) {
                            continue;
                        }
                        let mut seen = std::collections::HashSet::new();
                        let mut stack = vec![(p, p, q)];
                        seen.insert((p, p, q));
                        while let Some((a, b, c)) = stack.pop() {
                            for ai in 0..self.follow[a].len() {
                                let a2 = self.follow[a][ai];
                                if self.loop_of[a2] != Some(i) {
                                    continue;
                                }
                                for bi in 0..self.follow[b].len() {
                                    let b2 = self.follow[b][bi];
                                    if !to_j[b2] {
                                        continue;
                                    }
                                    for ci in 0..self.follow[c].len() {
                                        let c2 = self.follow[c][ci];
                                        if self.loop_of[c2] != Some(j)
                                            || !self.overlaps3(&mut memo, a2, b2, c2)
                                        {
                                            continue;
                                        }
                                        if (a2, b2, c2) == (p, q, q) {
                                            return Ok(Some((i, j)));
                                        }
                                        if seen.insert((a2, b2, c2)) {
                                            visited_total += 1;
                                            if visited_total > MAX_PAIRS {
                                                return Err(());
                                            }
                                            stack.push((a2, b2, c2));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(None)
    }

    /// For the automaton of a whole pattern (its start reaches `first`), an
    /// input with a prefix of more than [`MAX_READINGS`] readings, if any; one
    /// char per atom (a set of chars every class holds whole or not at all).
    fn too_many_readings(&self, first: &[usize]) -> Result<Option<String>, ()> {
        // Atoms: cut the code points wherever some class starts or ends.
        let mut cuts: Vec<u32> = vec![0, 0x11_0000];
        for class in &self.classes {
            for r in class.ranges() {
                cuts.push(u32::from(r.start()));
                cuts.push(u32::from(r.end()) + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut atoms: Vec<(Vec<bool>, char)> = Vec::new();
        let mut atom_of: HashMap<Vec<bool>, usize> = HashMap::new();
        for w in cuts.windows(2) {
            let (lo, hi) = (w[0], w[1]);
            // Prefer a printable ASCII char as the example.
            let printable = (lo..hi.min(0x7F))
                .filter_map(char::from_u32)
                .find(char::is_ascii_alphanumeric)
                .or_else(|| {
                    (lo..hi.min(0x7F))
                        .filter_map(char::from_u32)
                        .find(char::is_ascii_graphic)
                });
            let Some(rep) = printable.or_else(|| (lo..hi).find_map(char::from_u32)) else {
                continue; // surrogates
            };
            let holds: Vec<bool> = self
                .classes
                .iter()
                .map(|c| {
                    let ranges = c.ranges();
                    let i = ranges.partition_point(|r| r.end() < rep);
                    ranges.get(i).is_some_and(|r| r.start() <= rep)
                })
                .collect();
            if !holds.contains(&true) {
                continue;
            }
            match atom_of.get(&holds) {
                Some(&a) => {
                    if !atoms[a].1.is_ascii_alphanumeric() && rep.is_ascii_alphanumeric() {
                        atoms[a].1 = rep;
                    }
                }
                None => {
                    atom_of.insert(holds.clone(), atoms.len());
                    atoms.push((holds, rep));
                }
            }
        }

        // Breadth-first over the vectors "readings per position" (sorted,
        // without zeros); position `n` is the start.
        let n = self.follow.len();
        let cap = MAX_READINGS + 1;
        let mut seen: HashSet<Readings> = HashSet::new();
        // Each state, with the state it was reached from and the char read.
        let mut states: Vec<(Readings, usize, char)> = vec![(vec![(n as u32, 1)], 0, '\0')];
        let mut entries = 0usize;
        let mut counts = vec![0u32; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < states.len() {
            for (holds, rep) in &atoms {
                for &(p, c) in &states[i].0 {
                    let follow = if p as usize == n {
                        first
                    } else {
                        &self.follow[p as usize]
                    };
                    for &q in follow {
                        if holds[self.class_of[q]] {
                            if counts[q] == 0 {
                                touched.push(q);
                            }
                            counts[q] = counts[q].saturating_add(c).min(cap);
                        }
                    }
                }
                if touched.is_empty() {
                    continue;
                }
                touched.sort_unstable();
                let next: Readings = touched.iter().map(|&q| (q as u32, counts[q])).collect();
                for &q in &touched {
                    counts[q] = 0;
                }
                touched.clear();
                let total = next.iter().fold(0u32, |t, &(_, c)| t.saturating_add(c));
                if total > MAX_READINGS {
                    let mut input = vec![*rep];
                    let mut s = i;
                    while s != 0 {
                        input.push(states[s].2);
                        s = states[s].1;
                    }
                    return Ok(Some(input.into_iter().rev().collect()));
                }
                if !seen.contains(&next) {
                    entries = entries.saturating_add(next.len());
                    if entries > MAX_READING_ENTRIES {
                        return Err(());
                    }
                    seen.insert(next.clone());
                    states.push((next, i, *rep));
                }
            }
            i += 1;
        }
        Ok(None)
    }
}
