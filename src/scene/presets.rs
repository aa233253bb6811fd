//! The gallery: every figure of the chapter as a scene, and scenes that teach
//! beyond the book. Each is a URL query, so each is also a shareable link and
//! a command line (`saddle run --url …`).

use serde::Serialize;

/// A gallery entry.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    /// Two lines: what the scene shows and what to notice.
    pub caption: &'static str,
    /// The scene, as a URL query (it names the preset itself).
    pub query: &'static str,
}

/// Every preset (the gallery shows them in the chapter's order, as cards: [`super::gallery`]).
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "fig4.1a",
        title: "Figure 4.1(a): a convex bowl",
        caption: "C(θ) = θ1² + θ2² is strictly convex, with one global minimum. \
                  Every method finds it; notice how differently they get there.",
        query: "preset=fig4.1a&f=bowl&o=gd(lr=0.1)&o=momentum(lr=0.1)&o=adam(lr=0.1)&o=newton&steps=40",
    },
    Preset {
        id: "fig4.1b",
        title: "Figure 4.1(b): the peaks function",
        caption: "Local minima (white rings), local maxima (dark triangles) and saddle points (red crosses). \
                  Click elsewhere to restart: which minimum gradient descent reaches depends on where it starts.",
        query: "preset=fig4.1b&f=peaks&start=-0.5,1.5&o=gd(lr=0.02)&o=momentum(lr=0.02)&o=adam(lr=0.05)&steps=300",
    },
    Preset {
        id: "fig4.2a",
        title: "Figure 4.2(a): gradient descent on Rosenbrock, fixed α",
        caption: "10⁵ iterations of basic gradient descent from (0.2, −0.2) with two small learning rates: \
                  neither reaches the minimum (1, 1); both are still creeping along the valley floor.",
        query: "preset=fig4.2a&f=rosenbrock&o=gd(lr=0.00005)&o=gd(lr=0.00001)&steps=100000&speed=2000&chart=distance",
    },
    Preset {
        id: "fig4.2b",
        title: "Figure 4.2(b): gradient descent on Rosenbrock, α·0.99ᵗ",
        caption: "The same start with an exponentially decaying learning rate α^(t) = α·0.99^t: \
                  the steps shrink so fast that neither run reaches the minimum.",
        query: "preset=fig4.2b&f=rosenbrock&o=gd(lr=0.001,schedule=exp)&o=gd(lr=0.002,schedule=exp)&steps=100000&speed=2000&chart=distance",
    },
    Preset {
        id: "fig4.3a",
        title: "Figure 4.3(a): GD against SGD on the finite sum (4.12)",
        caption: "Five terms with distinct minimizers u_i (green), their convex hull outlined. Outside the hull SGD heads \
                  the same way as GD; once inside, every term pulls a different way and SGD keeps fluctuating there.",
        query: "preset=fig4.3a&data=sum412&o=gd(lr=0.05)&o=gd(lr=0.05,batch=1)&steps=400&speed=2",
    },
    Preset {
        id: "fig4.3b",
        title: "Figure 4.3(b): GD against SGD with identical minimizers",
        caption: "All 20 u_i coincide, so every term has its minimum at the same point, but their weights a_i differ: \
                  each SGD step (α = 0.3) overshoots or falls short in θ1 by a different amount, so its path zig-zags \
                  where GD's is smooth, and it still converges to the same minimizer.",
        query: "preset=fig4.3b&data=sum412(identical=on,n=20)&o=gd(lr=0.3)&o=gd(lr=0.3,batch=1)&steps=400&speed=1",
    },
    Preset {
        id: "fig4.5a",
        title: "Figure 4.5(a): a sigmoid network with squared loss",
        caption: "The loss landscape of σ(w2 σ(w1 x)) under the squared loss has wide plateaus: gradient descent \
                  started on one barely moves, Adam's per-coordinate steps get it off.",
        query: "preset=fig4.5a&data=signet(loss=squared)&o=gd(lr=0.5)&o=adam(lr=0.05)&steps=600&speed=5",
    },
    Preset {
        id: "fig4.5b",
        title: "Figure 4.5(b): the same network with cross-entropy",
        caption: "The same data and model with the binary cross-entropy loss: a smoother landscape, \
                  and gradient descent now makes steady progress from the same start.",
        query: "preset=fig4.5b&data=signet(loss=ce)&o=gd(lr=0.5)&o=adam(lr=0.05)&steps=600&speed=5",
    },
    Preset {
        id: "minibatch",
        title: "Full gradient, mini-batches and SGD",
        caption: "Linear regression with squared loss: n_b = 1 (SGD), n_b = 16 and the full gradient. The faint curves \
                  are the noisy mini-batch losses; their noise shrinks as n_b grows (variance ∝ 1/n_b).",
        query: "preset=minibatch&data=linreg(n=200)&o=gd(lr=0.05,batch=1)&o=gd(lr=0.05,batch=16)&o=gd(lr=0.05)&steps=600&speed=5",
    },
    Preset {
        id: "early-stopping",
        title: "Validation loss and early stopping: over-training a line",
        caption: "A line fitted to 20 training points and checked on 180 held-out ones (val = 0.9). Gradient descent's \
                  validation loss falls to its minimum at t = 39, then rises by more than a quarter as the line fits the \
                  training points' noise: over-training. The mark is the model early stopping would keep.",
        query: "preset=early-stopping&data=linreg(n=200,val=0.9,seed=14)&view=0,1.6,1.4,2.4&start=0.3,1.8&o=gd(lr=0.02)&o=gd(lr=0.02,batch=4)&steps=400&speed=2&chart=validation",
    },
    Preset {
        id: "fig4.6",
        title: "Figure 4.6: momentum on Rosenbrock",
        caption: "Momentum with β = 0 (plain gradient descent), 0.5 and 0.9, each with α = 0.001/(1 − β). \
                  The larger β, the faster the ball accelerates down the valley, and the more it overshoots.",
        query: "preset=fig4.6&f=rosenbrock&o=momentum(beta=0)&o=momentum(lr=0.002,beta=0.5)&o=momentum(lr=0.01,beta=0.9)&steps=2000&speed=20",
    },
    Preset {
        id: "fig4.8",
        title: "Figure 4.8: one exact line search",
        caption: "From θ = (0.8, 0) along −∇C, the loss along the ray (chart) has its minimum at α ≈ 0.00165. \
                  The squares are the points the search evaluated.",
        query: "preset=fig4.8&f=rosenbrock&start=0.8,0&o=gd(ls=exact)&steps=1&chart=ray",
    },
    Preset {
        id: "fig4.9",
        title: "Figure 4.9: gradient descent with exact line search zig-zags",
        caption: "Zoomed into the valley: consecutive steps are orthogonal, so the path zig-zags across the valley floor \
                  and crawls along it. Reset the view to see the two long first jumps from (0.4, −0.2).",
        query: "preset=fig4.9&f=rosenbrock&view=0.555,0.68,0.325,0.435&start=0.4,-0.2&o=gd(ls=exact)&steps=12&speed=1",
    },
    Preset {
        id: "fig4.10a",
        title: "Figure 4.10(a): Newton with a concave model",
        caption: "From θ = 0, left of the inflection point θ = 1, C″ < 0: the quadratic model (dashed) is concave and \
                  Newton heads for the local maximum at −1: the first step approaches yet overshoots it (θ = −1.5), the \
                  second ends near it (θ = −1.05), the loss rising towards C(−1) = 32 all the way.",
        query: "preset=fig4.10a&f=cubic&start=0&o=newton&steps=2&speed=1",
    },
    Preset {
        id: "fig4.10b",
        title: "Figure 4.10(b): Newton with a convex model",
        caption: "Right of the inflection point, C″ > 0: the model is convex and its minimizer overshoots the \
                  minimum at 3, landing at 5.25; then 3.5956, 3.0683, 3.0011… (4.52).",
        query: "preset=fig4.10b&f=cubic&start=1.5&o=newton&steps=1&speed=1",
    },
    Preset {
        id: "newton-oscillation",
        title: "Newton oscillates",
        caption: "On C(θ) = −θ⁴/4 + 5θ²/2 pure Newton from θ = 1 jumps to −1 and back, forever. \
                  Step through it and watch the dashed model flip.",
        query: "preset=newton-oscillation&f=quartic&start=1&o=newton&speed=1",
    },
    Preset {
        id: "adam-vs-lbfgs",
        title: "Adam against L-BFGS",
        caption: "On Rosenbrock from (−1.5, 2): L-BFGS needs a few dozen gradient evaluations, Adam thousands. \
                  Switch the chart's x-axis to evaluations for a fair race.",
        query: "preset=adam-vs-lbfgs&f=rosenbrock&start=-1.5,2&o=adam(lr=0.05)&o=lbfgs&steps=3000&speed=20",
    },
    Preset {
        id: "saddle-escape",
        title: "Stuck at a saddle, and escaping it",
        caption: "Started on the axis, gradient descent slides into the saddle at the origin and stops (∇C = 0). \
                  The same method with noisy gradients (SGD-like) falls off the ridge into a minimum.",
        query: "preset=saddle-escape&f=double-well&start=-1.8,0&o=gd(lr=0.05)&o=gd(lr=0.05,noise=0.3)&steps=400&speed=2",
    },
    Preset {
        id: "adagrad-vs-rmsprop",
        title: "Adagrad's shrinking steps against RMSprop",
        caption: "Adagrad divides by the sum of all squared gradients so far, so its steps keep shrinking; \
                  RMSprop forgets old gradients and keeps moving down the valley.",
        query: "preset=adagrad-vs-rmsprop&f=rosenbrock&start=-1.5,2&o=adagrad(lr=0.05)&o=rmsprop(lr=0.005,gamma=0.9)&steps=4000&speed=20",
    },
    Preset {
        id: "nesterov-vs-momentum",
        title: "Nesterov against momentum in a narrow valley",
        caption: "Both with β = 0.9 and α = 0.03 on an elongated quadratic. Nesterov evaluates the gradient where the \
                  ball is about to be, brakes earlier: it overshoots the valley floor about half as far and settles sooner.",
        query: "preset=nesterov-vs-momentum&f=elongated&o=momentum(lr=0.03,beta=0.9)&o=nesterov(lr=0.03,beta=0.9)&steps=150&speed=1",
    },
    Preset {
        id: "newton-maximum",
        title: "Newton heading for a maximum",
        caption: "Pure Newton near a peak of the peaks function jumps to the maximum: it finds stationary points, \
                  not minima. With a shifted Hessian and a Wolfe line search it goes downhill to a local minimum instead.",
        query: "preset=newton-maximum&f=peaks&start=0.25,1.3&o=newton&o=newton(safeguard=shift,ls=strong-wolfe)&steps=20&speed=1",
    },
    Preset {
        id: "adadelta-book-vs-torch",
        title: "Adadelta: the book's against torch's",
        caption: "The book puts ε outside the square roots, (√Δθ + ε)/(√s + ε): its first steps are about ε and it \
                  barely moves in 2000 steps. torch.optim's ε inside them, √(Δθ + ε)/√(s + ε), starts a thousand times faster.",
        query: "preset=adadelta-book-vs-torch&f=himmelblau&start=-0.5,-0.5&o=adadelta&o=adadelta(rho=0.9,gamma=0.9,eps_inside=on)&steps=2000&speed=20",
    },
    Preset {
        id: "adam-vs-amsgrad",
        title: "Adam against AMSGrad",
        caption: "AMSGrad divides by the largest second moment so far: the steep start (‖∇C‖ ≈ 233) keeps its steps small \
                  all along the flat valley, while Adam's ŝ forgets it: after 3000 steps Adam is at (0.96, 0.93), AMSGrad at (0.76, 0.58).",
        query: "preset=adam-vs-amsgrad&f=rosenbrock&start=-1.2,1&o=adam(lr=0.01)&o=adam(lr=0.01,amsgrad=on)&steps=3000&speed=20",
    },
    Preset {
        id: "nadam-book-vs-torch",
        title: "Nadam: the book's against torch's",
        caption: "Same α. torch's NAdam replaces the book's constant β by μ_t = β(1 − ½·0.96^(0.004t)), about β/2 for \
                  thousands of steps: with less momentum it starts more slowly, but overshoots the minimum and swings across the valley far less.",
        query: "preset=nadam-book-vs-torch&f=elongated&view=-2.7,0.5,-0.45,1.1&o=nadam(lr=0.1)&o=nadam(lr=0.1,momentum_decay=0.004)&steps=100&speed=1",
    },
];

/// Looks a preset up by id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
