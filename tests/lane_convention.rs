//! The per-lane "convention: book | torch" switch (issue 14): torch applies
//! the method's torch.optim settings to the lane's parameters, book puts
//! those settings back to the chapter's defaults, the link carries the
//! parameters themselves, and the lane's iterates follow.

use saddle::playground::{Convention, Playground};

#[test]
fn switching_to_torch_writes_torchs_settings_into_the_link_and_the_iterates() {
    let (mut pg, _) = Playground::open("f=rosenbrock&start=-1.2,1&o=rmsprop(eps=1e-6)&o=adam&o=bfgs&o=cg");
    let conv: Vec<_> = pg.lanes().iter().map(|l| l.convention).collect();
    assert_eq!(
        conv,
        [
            Convention::Book,
            Convention::Same,
            Convention::NoTorch,
            Convention::NoTorch
        ]
    );
    pg.set_convention(0, "torch").unwrap();
    let lane = &pg.lanes()[0];
    assert_eq!(lane.convention, Convention::Torch);
    // torch.optim.RMSprop: lr = 0.01, alpha = 0.99; other settings are kept.
    assert_eq!(lane.lane.to_text(), "rmsprop(lr=0.01,gamma=0.99,eps=1e-6)");
    assert!(
        pg.query().contains("o=rmsprop(lr=0.01,gamma=0.99,eps=1e-6)"),
        "{}",
        pg.query()
    );
    pg.step(50);
    let torch = pg.lanes()[0].theta.clone();
    // The same run as a link that names torch's settings itself.
    let (mut same, _) = Playground::open("f=rosenbrock&start=-1.2,1&o=rmsprop(lr=0.01,gamma=0.99,eps=1e-6)");
    same.step(50);
    assert_eq!(same.lanes()[0].theta, torch);
    // Back to the book: the first 50 steps stay torch's, the rest are the book's.
    pg.set_convention(0, "book").unwrap();
    assert_eq!(pg.lanes()[0].convention, Convention::Book);
    assert!(
        pg.query()
            .contains("o=rmsprop(lr=0.01,gamma=0.99,eps=1e-6,lr@50=0.001,gamma@50=0.999)"),
        "{}",
        pg.query()
    );
    let (mut book, _) = Playground::open("f=rosenbrock&start=-1.2,1&o=rmsprop(eps=1e-6)");
    book.step(50);
    assert_ne!(book.lanes()[0].theta, torch, "the conventions give different iterates");
    // A person's own value is neither.
    pg.set_param(0, "lr", "0.005").unwrap();
    assert_eq!(pg.lanes()[0].convention, Convention::Own);
    assert!(
        pg.set_convention(2, "torch")
            .unwrap_err()
            .contains("torch.optim has no counterpart")
    );
    assert!(pg.set_convention(0, "jax").is_err());
}
