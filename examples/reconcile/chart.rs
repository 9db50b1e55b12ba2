//! One SVG chart per running total: as-of date on x, the figure on y, one mark per claim with
//! its bounds drawn as a bar, coloured by independence group, and the low / best / high band.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use claimrecon::{Figure, Group, Nature, Reconciliation, Value};
use plotters::prelude::*;

/// Colour-blind-safe palette (Okabe and Ito, 2008).
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

struct Mark {
    date: NaiveDate,
    low: f64,
    high: Option<f64>,
    point: f64,
    voice: String,
}

fn marks(rec: &Reconciliation, group: &Group) -> Vec<Mark> {
    let policy = claimrecon::Policy::default();
    let voice_of = |source: &str| {
        rec.sources
            .iter()
            .find(|s| s.source.as_str() == source)
            .map_or_else(|| source.to_owned(), |s| s.voice.to_string())
    };
    let claimed = group
        .claims
        .iter()
        .filter_map(|id| rec.claims.iter().find(|c| c.id() == id))
        .filter_map(|claim| {
            let Value::Amount(amount) = claim.value() else { return None };
            let interval = amount.interval(&policy);
            let provenance = claim.provenance();
            let source = provenance.said_by().map_or(provenance.outlet().as_str(), |s| s.as_str());
            Some(Mark {
                date: claim.as_of()?,
                low: interval.low().value,
                high: interval.high().map(|h| h.value),
                point: amount
                    .magnitude
                    .number()
                    .map_or(interval.low().value, claimrecon::Number::get),
                voice: voice_of(source),
            })
        });
    let derived = group.derived.iter().filter_map(|bound| {
        let interval = bound.value.interval(&policy)?;
        Some(Mark {
            date: bound.as_of?,
            low: interval.low().value,
            high: interval.high().map(|h| h.value),
            point: interval.low().value,
            voice: "derived from sub-counts".to_owned(),
        })
    });
    claimed.chain(derived).collect()
}

fn file_name(g: &Group) -> String {
    let slug: String = g
        .subject
        .to_string()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("{}.svg", slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-"))
}

/// Writes a chart for every running total with at least one dated figure; returns the paths.
pub fn running_totals(r: &Reconciliation, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for g in r.groups.iter().filter(|g| g.subject.behaviour() == Nature::RunningTotal) {
        let marks = marks(r, g);
        if marks.is_empty() {
            continue;
        }
        let path = dir.join(file_name(g));
        draw(g, &marks, &path).map_err(|e| format!("cannot draw {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn draw(g: &Group, marks: &[Mark], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let band = match g.estimate.as_ref().map(|e| &e.figure) {
        Some(Figure::Number { low, best, high, .. }) => Some((*low, *best, high.unwrap_or(*best))),
        _ => None,
    };
    // Days since `origin` on x; the axis labels turn them back into dates.
    let origin = marks.iter().map(|m| m.date).min().unwrap_or_default() - Duration::days(2);
    let x = |d: NaiveDate| (d - origin).num_days() as f64;
    let first = 0.0;
    let last = x(marks.iter().map(|m| m.date).max().unwrap_or_default()) + 2.0;
    let data_top = marks
        .iter()
        .map(|m| m.high.unwrap_or(m.point).max(m.point))
        .chain(band.map(|b| b.2))
        .fold(0.0_f64, f64::max)
        + 1.0;
    // Headroom above the data for the legend; open-ended bars stop short of it.
    let top = data_top * 1.7;
    let unbounded_top = data_top * 1.3;
    let root = SVGBackend::new(path, (880, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let title = format!("{}: reported figures by as-of date", g.subject);
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d(first..last, 0.0..top)?;
    chart
        .configure_mesh()
        .x_desc("as-of date")
        .y_desc("figure (dot: the number stated; bar: the range the phrase allows)")
        .x_label_formatter(&|d| {
            (origin + Duration::days(d.round() as i64)).format("%-d %b").to_string()
        })
        .x_labels(8)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(WHITE)
        .draw()?;
    if let Some((low, best, high)) = band {
        let shade = RGBColor(120, 120, 120).mix(0.18);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(first, low), (last, high.max(low))],
                shade.filled(),
            )))?
            .label(format!("estimate: low {low:.0} to high {high:.0}, line at best {best:.0}"))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], shade.filled()));
        chart.draw_series(LineSeries::new(
            [(first, best), (last, best)],
            RGBColor(90, 90, 90).stroke_width(2),
        ))?;
    }
    let mut voices: BTreeMap<&str, RGBColor> = BTreeMap::new();
    for m in marks {
        let n = voices.len();
        voices.entry(m.voice.as_str()).or_insert(PALETTE[n % PALETTE.len()]);
    }
    for (voice, colour) in &voices {
        let colour = *colour;
        let mine: Vec<&Mark> = marks.iter().filter(|m| m.voice == *voice).collect();
        chart.draw_series(mine.iter().map(|m| {
            PathElement::new(
                vec![(x(m.date), m.low), (x(m.date), m.high.unwrap_or(unbounded_top))],
                colour.stroke_width(3),
            )
        }))?;
        chart
            .draw_series(
                mine.iter().map(|m| Circle::new((x(m.date), m.point), 6, colour.filled())),
            )?
            .label((*voice).to_owned())
            .legend(move |(x, y)| Circle::new((x + 8, y), 5, colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(180, 180, 180))
        .label_font(("sans-serif", 14))
        .draw()?;
    root.present()?;
    Ok(())
}
