//! Changes stated as factors: "two-fold", "2-3-fold", "doubling", "a 50% rise". A change from
//! one amount to another ("from 50 to 110") is read with ranges, as a join of two amounts.

use super::lex::{Tok, Token, words_match};
use super::parser::Grammar;
use super::words::{self, QUALIFIERS, Qualifier, VAGUE, qualified};
use crate::Error;
use crate::value::{Change, Magnitude, Number, NumberRange, Value};

impl Grammar<'_> {
    pub(super) fn factor(&mut self, t: &[Token]) -> Result<Value, Error> {
        let at = t[0].start;
        let mut t = t;
        if t[0].is_word("a") || t[0].is_word("an") {
            t = &t[1..];
        }
        // A trailing "increase" or "fall" gives the direction.
        let mut direction = None;
        if let Some(last) = t.last().and_then(Token::word) {
            if words::rise_word(last) {
                direction = Some(true);
            } else if words::fall_word(last) {
                direction = Some(false);
            }
            if let Some(up) = direction {
                self.note(&t[t.len() - 1..], if up { "direction: up" } else { "direction: down" });
                t = &t[..t.len() - 1];
            }
        }
        let mut qualifier = None;
        if let Some((pat, q)) = QUALIFIERS.iter().find(|(p, _)| words_match(t, p)) {
            qualifier = Some(*q);
            self.note(&t[..pat.len()], q.meaning());
            t = &t[pat.len()..];
        }
        let factor = match t {
            [] => return Err(self.err(self.end_of(t).min(self.phrase.len()), "expected a factor")),
            // "doubling", "halved"
            [verb] if verb.word().and_then(doubling_factor).is_some() => {
                let f = verb.word().and_then(doubling_factor).unwrap_or(1.0);
                self.note(t, format!("factor {f}, approximate unless qualified"));
                qualified_factor(qualifier, Number::new(f)?)
            }
            // "a 50% rise", "a 30% fall"
            [num, pct] if pct.tok == Tok::Percent => {
                let Tok::Num { value, .. } = num.tok else {
                    return Err(self.err(num.start, "expected a number before '%'"));
                };
                let f = match direction {
                    Some(true) => 1.0 + value / 100.0,
                    Some(false) if value <= 100.0 => 1.0 - value / 100.0,
                    Some(false) => {
                        return Err(self.err(num.start, "a fall cannot exceed 100%"));
                    }
                    None => {
                        return Err(self
                            .err(pct.end, "a percentage change needs 'rise' or 'fall' after it"));
                    }
                };
                self.note(t, format!("factor {}", crate::value::trim_float(f)));
                qualified(qualifier, Number::new(f)?)
            }
            _ => match self.fold(t, qualifier)? {
                Some(m) => m,
                None => {
                    return Err(self.err(
                        at,
                        "expected a factor such as 'two-fold', 'doubling' or 'a 50% rise'",
                    ));
                }
            },
        };
        if direction == Some(false) && !matches!(t, [_, p] if p.tok == Tok::Percent) {
            return Err(self.err(at, "a fall is written as a percentage: 'a 30% fall'"));
        }
        let factor = Self::allowing_some(factor)?;
        Ok(Value::Change(Change::Factor { factor }))
    }

    /// "two-fold", "2-fold", "twofold", "2-3-fold", and percentages "50% rise".
    fn fold(
        &mut self,
        t: &[Token],
        qualifier: Option<Qualifier>,
    ) -> Result<Option<Magnitude>, Error> {
        let at = t[0].start;
        let last = &t[t.len() - 1];
        // "50%" followed by a direction word (already stripped by the caller).
        let Some(word) = last.word() else {
            return Ok(None);
        };
        let head: Vec<Token>;
        let number_part: &[Token] = if word == "fold" {
            let mut k = t.len() - 1;
            if k > 0 && t[k - 1].tok == Tok::Dash {
                k -= 1;
            }
            &t[..k]
        } else if let Some(stem) = word.strip_suffix("-fold").or_else(|| word.strip_suffix("fold"))
        {
            let mut v: Vec<Token> = t[..t.len() - 1].to_vec();
            v.push(Token {
                tok: Tok::Word(stem.to_owned()),
                start: last.start,
                end: last.start + stem.len(),
                glued: last.glued,
            });
            head = v;
            &head
        } else {
            return Ok(None);
        };
        if number_part.is_empty() {
            return Err(self.err(at, "expected a number before '-fold'"));
        }
        // "2-3-fold": a range of factors.
        if let Some(d) = number_part.iter().position(|x| x.tok == Tok::Dash) {
            let (lo, _, _, _) = self.number(&number_part[..d])?;
            let (hi, _, _, _) = self.number(&number_part[d + 1..])?;
            let lo = Number::new(lo)?;
            let hi = Number::new(hi)?;
            let r = NumberRange::new(lo, hi).map_err(|e| e.in_phrase(self.phrase, at))?;
            return Ok(Some(Magnitude::Range(r)));
        }
        if let Some((pat, w)) = VAGUE.iter().find(|(p, _)| words_match(number_part, p))
            && pat.len() == number_part.len()
        {
            return Ok(Some(Magnitude::Vague(*w)));
        }
        let (value, used, _, _) = self.number(number_part)?;
        if let Some(extra) = number_part.get(used) {
            return Err(
                self.err(extra.start, format!("unexpected {} in the factor", self.describe(extra)))
            );
        }
        let n = Number::new(value)?;
        self.note(&t[t.len() - 1..], "fold: a multiplicative factor");
        Ok(Some(qualified_factor(qualifier, n)))
    }
}

/// A factor word ("two-fold", "doubling") is round by nature: unqualified, it is approximate.
fn qualified_factor(q: Option<Qualifier>, n: Number) -> Magnitude {
    match q {
        None => Magnitude::About(n),
        q => qualified(q, n),
    }
}

fn doubling_factor(word: &str) -> Option<f64> {
    Some(match word {
        "doubling" | "doubled" | "double" | "doubles" => 2.0,
        "tripling" | "tripled" | "triple" | "triples" => 3.0,
        "quadrupling" | "quadrupled" => 4.0,
        "halving" | "halved" | "halves" => 0.5,
        _ => return None,
    })
}

pub(super) fn is_factor(t: &[Token]) -> bool {
    let words = t.iter().filter_map(Token::word);
    let has_fold_or_verb =
        words.clone().any(|w| w == "fold" || w.ends_with("fold") || doubling_factor(w).is_some());
    let has_percent_change = t.windows(2).any(|w| {
        w[0].tok == Tok::Percent
            && w[1].word().is_some_and(|x| words::rise_word(x) || words::fall_word(x))
    });
    // "a 50%": a change missing its direction, so the factor reader can say so.
    let bare_percent_change = matches!(t, [a, n, p]
        if (a.is_word("a") || a.is_word("an"))
            && matches!(n.tok, Tok::Num { .. })
            && p.tok == Tok::Percent);
    has_fold_or_verb || has_percent_change || bare_percent_change
}
