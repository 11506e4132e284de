//! The power staircase of one channel: the power after every element, laser first.

use super::{Stage, chain, ring};
use crate::engine::chain::ChannelPosition;
use crate::model::Link;
use crate::units::{Db, Dbm};
use std::borrow::Cow;

/// Power after each element for channel `k` of `positions`, laser first; `rings` from
/// [`super::budget::for_each_channel`]. A design-mode ring
/// bank is followed by a stage of its own: the loss of passing the other channels' rings on the
/// bus ([`ring::RingBank`]), so that the stages add up to the channel's loss.
pub(crate) fn staircase(
    link: &Link,
    positions: &[ChannelPosition],
    k: usize,
    laser: Dbm,
    rings: &ring::RingEffects,
) -> Vec<Stage> {
    let pos = &positions[k];
    let mut power = laser;
    let mut stages = Vec::with_capacity(link.elements.len() + 1);
    stages.push(Stage {
        name: "Laser".into(),
        kind: "Laser",
        loss_db: 0.0,
        power_dbm: power.0,
    });
    let mut step = |name: Cow<'static, str>, kind: &'static str, loss: Db, power: &mut Dbm| {
        *power = Dbm((*power - loss).0.max(Dbm::FLOOR.0));
        stages.push(Stage {
            name,
            kind,
            loss_db: loss.0,
            power_dbm: power.0,
        });
    };
    for (i, element) in link.elements.iter().enumerate() {
        let loss = chain::element_loss(element, pos);
        step(
            Cow::Owned(element.name().to_owned()),
            element.kind_name(),
            loss,
            &mut power,
        );
        if let Some(through) = rings.through_db(i, k) {
            step(
                Cow::Borrowed("through the other rings (bus)"),
                "RingThrough",
                Db(through),
                &mut power,
            );
        }
    }
    stages
}
