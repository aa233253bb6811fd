//! The gallery as the page shows it: a card per figure of chapter 4, in the
//! book's order, with the (a) and (b) panels side by side where the book has
//! them, and the scenes that teach beyond the book after the section they
//! belong to. Each panel opens a scene (a playground preset, a training-page
//! preset or the autodiff explorer) and says what its thumbnail shows; the
//! thumbnails are drawn by the core from that scene
//! ([`crate::playground::Playground::draw_thumbnail`], the training board's
//! chart, the explorer's graph).

use serde::Serialize;

/// The page a panel opens, with the preset it opens there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opens {
    /// A playground preset (`super::presets::PRESETS`).
    Playground(&'static str),
    /// A training-page preset (`super::train::PRESETS`).
    Train(&'static str),
    /// An autodiff explorer preset (`crate::explorer::url::PRESETS`).
    Autodiff(&'static str),
}

/// What a panel's thumbnail draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thumb {
    /// The landscape with every lane's path (the curve in one dimension).
    Map,
    /// One of the playground's charts (`loss`, `validation`, `ray`, …).
    Chart(&'static str),
    /// The training page's validation-error chart, after training.
    Training,
    /// The explorer's computational graph.
    Graph,
}

/// One picture of a card.
#[derive(Clone, Copy, Debug)]
pub struct Panel {
    /// "(a)", "(b)" or empty, and a few words on what differs.
    pub label: &'static str,
    pub opens: Opens,
    pub thumb: Thumb,
}

/// A gallery card: one figure (or one scene beyond the book).
#[derive(Clone, Copy, Debug)]
pub struct Card {
    pub id: &'static str,
    /// Title and caption; `None`: the first panel's preset's.
    pub title: Option<&'static str>,
    pub caption: Option<&'static str>,
    pub panels: &'static [Panel],
}

const fn map(label: &'static str, id: &'static str) -> Panel {
    Panel {
        label,
        opens: Opens::Playground(id),
        thumb: Thumb::Map,
    }
}

const fn one(id: &'static str) -> Card {
    Card {
        id,
        title: None,
        caption: None,
        panels: &[],
    }
}

/// Every card, in the chapter's order.
pub static CARDS: &[Card] = &[
    Card {
        id: "fig4.1",
        title: Some("Figure 4.1: a convex bowl and the peaks function"),
        caption: Some(
            "(a) C(θ) = θ1² + θ2² is convex with a unique global minimum. (b) The peaks function has several \
             local minima, local maxima and saddle points, and is locally convex around each minimum.",
        ),
        panels: &[map("(a) convex", "fig4.1a"), map("(b) peaks", "fig4.1b")],
    },
    Card {
        id: "fig4.2",
        title: Some("Figure 4.2: gradient descent on Rosenbrock, 10⁵ iterations from (0.2, −0.2)"),
        caption: Some(
            "Two learning rates each: (a) fixed α, (b) exponentially decaying α·0.99ᵗ. \
             In none of the four runs is the minimum (1, 1) found.",
        ),
        panels: &[map("(a) fixed α", "fig4.2a"), map("(b) α·0.99ᵗ", "fig4.2b")],
    },
    Card {
        id: "fig4.3",
        title: Some("Figure 4.3: GD against SGD on the finite sum (4.12)"),
        caption: Some(
            "(a) Distinct minimizers u_i (green) and their convex hull: once inside, SGD keeps fluctuating there. \
             (b) Identical minimizers: SGD's path is noisier than GD's but converges to the same point.",
        ),
        panels: &[map("(a) distinct u_i", "fig4.3a"), map("(b) identical u_i", "fig4.3b")],
    },
    one("saddle-escape"),
    Card {
        panels: &[Panel {
            label: "",
            opens: Opens::Playground("minibatch"),
            thumb: Thumb::Chart("loss"),
        }],
        ..one("minibatch")
    },
    Card {
        caption: Some(
            "A 64→32→32→32→10 ReLU network trained by SGD (n_b = 10) for 200 epochs on 1,000 of the 8×8 digits, \
             10 % of their labels flipped, validated on 500: the validation error turns up after its minimum, \
             and early stopping keeps the best epoch. The thumbnail trains it in the training page's worker.",
        ),
        panels: &[Panel {
            label: "",
            opens: Opens::Train("fig4.4"),
            thumb: Thumb::Training,
        }],
        ..one("fig4.4")
    },
    Card {
        panels: &[Panel {
            label: "",
            opens: Opens::Playground("early-stopping"),
            thumb: Thumb::Chart("validation"),
        }],
        ..one("early-stopping")
    },
    Card {
        id: "fig4.5",
        title: Some("Figure 4.5: the loss landscape of a two-layer sigmoid network"),
        caption: Some(
            "The same data and model σ(w2 σ(w1 x)) under (a) the squared loss, with wide plateaus where gradient \
             descent barely moves, and (b) the binary cross-entropy, a much smoother landscape.",
        ),
        panels: &[map("(a) squared loss", "fig4.5a"), map("(b) cross-entropy", "fig4.5b")],
    },
    one("fig4.6"),
    one("adagrad-vs-rmsprop"),
    one("adam-vs-amsgrad"),
    Card {
        id: "fig4.7",
        title: Some("Figure 4.7: the computational graph of (4.27)"),
        caption: Some(
            "C(θ) = sin(θ1θ2) + exp(θ2 + θ3) − 2θ3 as six nodes, at θ = (π/6, 2, 5): step through the primals \
             (Table 4.1), forward mode and backward mode in the autodiff explorer.",
        ),
        panels: &[Panel {
            label: "",
            opens: Opens::Autodiff("4.27"),
            thumb: Thumb::Graph,
        }],
    },
    one("nesterov-vs-momentum"),
    one("nadam-book-vs-torch"),
    one("adadelta-book-vs-torch"),
    Card {
        id: "fig4.8",
        title: Some("Figure 4.8: one exact line search on Rosenbrock"),
        caption: Some(
            "(a) From θ = (0.8, 0) along −∇C, a ray over the contours. (b) The loss along the ray, with its \
             minimum at α ≈ 0.00165; the squares are the points the search evaluated.",
        ),
        panels: &[
            map("(a) the ray", "fig4.8"),
            Panel {
                label: "(b) C along the ray",
                opens: Opens::Playground("fig4.8"),
                thumb: Thumb::Chart("ray"),
            },
        ],
    },
    one("fig4.9"),
    Card {
        id: "fig4.10",
        title: Some("Figure 4.10: Newton's method on (4.52), either side of the inflection point"),
        caption: Some(
            "(a) Left of θ = 1 the quadratic model is concave: a step approaches yet overshoots the local maximum \
             at −1, the next ends near it. (b) Right of it the model is convex: the step overshoots the minimum at 3.",
        ),
        panels: &[
            map("(a) concave model", "fig4.10a"),
            map("(b) convex model", "fig4.10b"),
        ],
    },
    one("newton-oscillation"),
    one("newton-maximum"),
    one("adam-vs-lbfgs"),
];

/// A panel as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct PanelLink {
    pub label: String,
    /// `playground`, `train` or `autodiff`.
    pub page: &'static str,
    /// The preset's id on that page.
    pub preset: &'static str,
    /// The scene's query string (without `?`).
    pub query: String,
    /// The address, relative to the playground's page.
    pub href: String,
    /// `map`, `chart:KIND`, `training` or `graph`.
    pub thumb: String,
}

/// A card as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct CardLink {
    pub id: &'static str,
    pub title: &'static str,
    pub caption: &'static str,
    pub panels: Vec<PanelLink>,
}

impl Panel {
    /// The page, preset id, query string and title and caption of what it opens.
    fn resolve(&self) -> Result<(&'static str, &'static str, String, &'static str, &'static str), String> {
        let missing = |page: &str, id: &str| format!("the gallery names an unknown {page} preset '{id}'");
        match self.opens {
            Opens::Playground(id) => {
                let p = super::presets::preset(id).ok_or_else(|| missing("playground", id))?;
                Ok(("playground", id, p.query.to_string(), p.title, p.caption))
            }
            Opens::Train(id) => {
                let p = super::train::preset(id).ok_or_else(|| missing("training", id))?;
                Ok(("train", id, p.query.to_string(), p.title, p.caption))
            }
            Opens::Autodiff(id) => {
                let p = crate::explorer::url::preset_links()
                    .into_iter()
                    .find(|p| p.id == id)
                    .ok_or_else(|| missing("autodiff", id))?;
                Ok(("autodiff", id, p.query, p.title, ""))
            }
        }
    }
}

impl Card {
    /// The card with its panels' addresses.
    pub fn link(&self) -> Result<CardLink, String> {
        let panels = if self.panels.is_empty() {
            std::slice::from_ref(&DEFAULT_PANEL)
        } else {
            self.panels
        };
        let mut out = Vec::new();
        let mut first = None;
        for panel in panels {
            let panel = match panel.opens {
                Opens::Playground("") => Panel {
                    opens: Opens::Playground(self.id),
                    ..*panel
                },
                _ => *panel,
            };
            let (page, preset, query, title, caption) = panel.resolve()?;
            first.get_or_insert((title, caption));
            let href = match page {
                "playground" => format!("?{query}"),
                _ => format!("{page}.html?{query}"),
            };
            let thumb = match panel.thumb {
                Thumb::Map => "map".to_string(),
                Thumb::Chart(kind) => format!("chart:{kind}"),
                Thumb::Training => "training".to_string(),
                Thumb::Graph => "graph".to_string(),
            };
            out.push(PanelLink {
                label: panel.label.to_string(),
                page,
                preset,
                query,
                href,
                thumb,
            });
        }
        let (title, caption) = first.unwrap_or(("", ""));
        Ok(CardLink {
            id: self.id,
            title: self.title.unwrap_or(title),
            caption: self.caption.unwrap_or(caption),
            panels: out,
        })
    }
}

/// The panel of a card that lists none: the playground preset of the card's id, as a map.
const DEFAULT_PANEL: Panel = Panel {
    label: "",
    opens: Opens::Playground(""),
    thumb: Thumb::Map,
};

/// Every card with its panels' addresses (a card naming an unknown preset
/// is a bug, caught by the tests; it is left out here).
pub fn cards() -> Vec<CardLink> {
    CARDS.iter().filter_map(|c| c.link().ok()).collect()
}
