//! Body proportions and the vector arithmetic of figures, in head heights
//! with y pointing up (a standing figure is about 7.5 heads tall).

use std::fmt;

/// Body proportions in head heights.
pub mod size {
    pub const HEAD_R: f32 = 0.46;
    pub const NECK: f32 = 0.34;
    pub const TORSO: f32 = 2.55;
    pub const UPPER_ARM: f32 = 1.42;
    pub const FOREARM: f32 = 1.22;
    pub const HAND: f32 = 0.5;
    pub const THIGH: f32 = 1.85;
    pub const SHIN: f32 = 1.8;
    pub const FOOT: f32 = 0.7;
    /// From the base of the neck to a shoulder joint, seen from the front.
    pub const COLLAR: f32 = 0.92;
    /// How far a relaxed shoulder sits below the base of the neck (degrees
    /// of the collar bone).
    pub const COLLAR_DROP: f32 = 15.0;
    /// From the centre of the pelvis to a hip joint, seen from the front.
    pub const PELVIS: f32 = 0.5;
    /// From the torso line to the surface of the back or the buttocks.
    pub const TORSO_HALF: f32 = 0.16;
    /// From a limb line to its surface.
    pub const LIMB_HALF: f32 = 0.08;
}

/// A point or direction in head heights, y up.
#[derive(Clone, Copy, PartialEq, Default)]
pub struct V {
    pub x: f32,
    pub y: f32,
}

impl V {
    pub const fn new(x: f32, y: f32) -> Self {
        V { x, y }
    }

    /// The unit direction at `a` degrees from straight down, turning toward
    /// +x: 0 down, 90 along +x, 180 up, −90 along −x.
    pub fn dir(a: f32) -> Self {
        let r = a.to_radians();
        V::new(r.sin(), -r.cos())
    }

    pub fn len(self) -> f32 {
        self.x.hypot(self.y)
    }

    /// Turned a quarter clockwise (from up to +x).
    pub fn cw(self) -> Self {
        V::new(self.y, -self.x)
    }

    pub fn norm(self) -> Self {
        let l = self.len();
        if l > 1e-6 { self * (1.0 / l) } else { V::new(0.0, -1.0) }
    }
}

impl fmt::Debug for V {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:.2}, {:.2})", self.x, self.y)
    }
}

impl std::ops::Add for V {
    type Output = V;
    fn add(self, o: V) -> V {
        V::new(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for V {
    type Output = V;
    fn sub(self, o: V) -> V {
        V::new(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Mul<f32> for V {
    type Output = V;
    fn mul(self, k: f32) -> V {
        V::new(self.x * k, self.y * k)
    }
}
