//! Figures: the picture of each stretch, a stick figure drawn from a pose in
//! its content file (or a photo in a clinic's library).

use serde::{Deserialize, Serialize};

/// How a stretch is pictured. (Placeholder until the pose format lands.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {}
