;; The layers' per-value loops in WebAssembly with 128-bit SIMD, for engine/kernels/wasmElementwise.ts:
;; ReLU forward and backward, 2×2 max pooling forward and its backward, the SGD and Adam updates and the
;; two workers' weighted gradient sum. (The byte → [0, 1] pixel conversion lives in gemm.wat, whose affine
;; layers read a batch's pixels at inference.)
;;
;; Each loop computes exactly what its JavaScript twin in the fast layers computes, bit for bit:
;;  • ReLU and pooling decide on the numbers' bits, as FastRelu.ts and FastPooling.ts do;
;;  • the updates and sums promote every float32 to float64, do the very operations JavaScript does on
;;    numbers (which are float64) in the same order, and round to float32 once, where JavaScript stores
;;    into a Float32Array (both round to nearest, ties to even).
;; Every address passed in is a byte offset into this module's own memory; the TypeScript side copies
;; the arrays in and the results out.

(module
  (memory (export "memory") 1)

  ;; y = max(0, x) on the bits: y = x & ~notPositive(x), where notPositive is all ones when the sign
  ;; bit is set and the magnitude is at most +∞'s (x ≤ 0 and not a NaN), as FastRelu.ts's reluBits.
  (func (export "relu") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $b v128) (local $s i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $four
        (br_if $done4 (i32.ge_u (local.get $x) (local.get $end4)))
        (local.set $b (v128.load (local.get $x)))
        (v128.store (local.get $y)
          (v128.andnot (local.get $b)
            (v128.and
              (i32x4.shr_s (local.get $b) (i32.const 31))
              (i32x4.shr_s
                (i32x4.sub (v128.and (local.get $b) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
                           (v128.const i32x4 0x7f800001 0x7f800001 0x7f800001 0x7f800001))
                (i32.const 31)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (i32.load (local.get $x)))
        (i32.store (local.get $y)
          (i32.and (local.get $s)
            (i32.xor (i32.const -1)
              (i32.and
                (i32.shr_s (local.get $s) (i32.const 31))
                (i32.shr_s (i32.sub (i32.and (local.get $s) (i32.const 0x7fffffff)) (i32.const 0x7f800001)) (i32.const 31))))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $one))))

  ;; dx = dout where y ≠ +0, else +0: d = g & ((y | −y) >> 31), as FastRelu.ts's reluGradientBits.
  (func (export "reluBackward") (param $y i32) (param $g i32) (param $d i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $v v128) (local $s i32)
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $four
        (br_if $done4 (i32.ge_u (local.get $y) (local.get $end4)))
        (local.set $v (v128.load (local.get $y)))
        (v128.store (local.get $d)
          (v128.and (v128.load (local.get $g))
            (i32x4.shr_s (v128.or (local.get $v) (i32x4.neg (local.get $v))) (i32.const 31))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br $four)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (local.set $s (i32.load (local.get $y)))
        (i32.store (local.get $d)
          (i32.and (i32.load (local.get $g))
            (i32.shr_s (i32.or (local.get $s) (i32.sub (i32.const 0) (local.get $s))) (i32.const 31))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (br $one))))

  ;; 2×2 max pooling of stride 2, no padding, over `planes` planes of H×W (OH = ⌊H/2⌋, OW = ⌊W/2⌋): the
  ;; first strictly greater value of each window wins, scanned (0,0) (0,1) (1,0) (1,1) as Pooling.ts
  ;; does, decided on the bits as FastPooling.ts's maxRow2 — bits of +0…+∞ order like the numbers.
  ;; Writes the maximum and the winner's index into x (elements, counted from x). Returns 1 when some
  ;; value was outside +0…+∞ (negative, −0 or NaN), having written nonsense: the caller redoes it all
  ;; the readable way. Otherwise 0.
  (func (export "maxPool2")
    (param $x i32) (param $planes i32) (param $h i32) (param $w i32) (param $out i32) (param $argmax i32)
    (result i32)
    (local $oh i32) (local $ow i32) (local $plane i32) (local $oy i32) (local $ox i32)
    (local $at0 i32) (local $at2 i32) (local $p i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $best i32) (local $bestAt i32) (local $m i32) (local $greater i32) (local $outside i32)
    (local.set $oh (i32.shr_u (local.get $h) (i32.const 1)))
    (local.set $ow (i32.shr_u (local.get $w) (i32.const 1)))
    (if (i32.or (i32.eqz (local.get $oh)) (i32.eqz (local.get $ow))) (then (return (i32.const 0))))
    (loop $planeLoop
      (local.set $oy (i32.const 0))
      (loop $rowLoop
        ;; index into x of the window's top-left value
        (local.set $at0 (i32.add (i32.mul (local.get $plane) (i32.mul (local.get $h) (local.get $w)))
                                 (i32.mul (i32.shl (local.get $oy) (i32.const 1)) (local.get $w))))
        (local.set $ox (i32.const 0))
        (loop $colLoop
          (local.set $at2 (i32.add (local.get $at0) (local.get $w)))
          (local.set $p (i32.add (local.get $x) (i32.shl (local.get $at0) (i32.const 2))))
          (local.set $b0 (i32.load (local.get $p)))
          (local.set $b1 (i32.load offset=4 (local.get $p)))
          (local.set $p (i32.add (local.get $x) (i32.shl (local.get $at2) (i32.const 2))))
          (local.set $b2 (i32.load (local.get $p)))
          (local.set $b3 (i32.load offset=4 (local.get $p)))
          ;; sign bit set when a value is negative (or −0) or, through +∞'s bits − magnitude, a NaN
          (local.set $outside
            (i32.or (local.get $outside)
              (i32.or
                (i32.or (i32.or (local.get $b0) (local.get $b1)) (i32.or (local.get $b2) (local.get $b3)))
                (i32.or
                  (i32.or (i32.sub (i32.const 0x7f800000) (i32.and (local.get $b0) (i32.const 0x7fffffff)))
                          (i32.sub (i32.const 0x7f800000) (i32.and (local.get $b1) (i32.const 0x7fffffff))))
                  (i32.or (i32.sub (i32.const 0x7f800000) (i32.and (local.get $b2) (i32.const 0x7fffffff)))
                          (i32.sub (i32.const 0x7f800000) (i32.and (local.get $b3) (i32.const 0x7fffffff))))))))
          (local.set $best (i32.and (local.get $b0) (i32.const 0x7fffffff)))
          (local.set $bestAt (local.get $at0))
          (local.set $m (i32.and (local.get $b1) (i32.const 0x7fffffff)))
          (if (i32.gt_s (local.get $m) (local.get $best))
            (then (local.set $best (local.get $m)) (local.set $bestAt (i32.add (local.get $at0) (i32.const 1)))))
          (local.set $m (i32.and (local.get $b2) (i32.const 0x7fffffff)))
          (if (i32.gt_s (local.get $m) (local.get $best))
            (then (local.set $best (local.get $m)) (local.set $bestAt (local.get $at2))))
          (local.set $m (i32.and (local.get $b3) (i32.const 0x7fffffff)))
          (if (i32.gt_s (local.get $m) (local.get $best))
            (then (local.set $best (local.get $m)) (local.set $bestAt (i32.add (local.get $at2) (i32.const 1)))))
          (i32.store (local.get $out) (local.get $best))
          (i32.store (local.get $argmax) (local.get $bestAt))
          (local.set $out (i32.add (local.get $out) (i32.const 4)))
          (local.set $argmax (i32.add (local.get $argmax) (i32.const 4)))
          (local.set $at0 (i32.add (local.get $at0) (i32.const 2)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
          (br_if $colLoop (i32.lt_u (local.get $ox) (local.get $ow))))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br_if $rowLoop (i32.lt_u (local.get $oy) (local.get $oh))))
      (local.set $plane (i32.add (local.get $plane) (i32.const 1)))
      (br_if $planeLoop (i32.lt_u (local.get $plane) (local.get $planes))))
    (i32.shr_u (local.get $outside) (i32.const 31)))

  ;; Max pooling's backward: dx (n values) zeroed, then dx[argmax[o]] += dout[o] for o in order (an
  ;; index of −1, where the padding won, is skipped), as FastPooling.ts's backward.
  (func (export "maxPoolBackward") (param $argmax i32) (param $g i32) (param $count i32) (param $dx i32) (param $n i32)
    (local $end i32) (local $at i32) (local $p i32)
    (memory.fill (local.get $dx) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (i32.add (local.get $argmax) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $argmax) (local.get $end)))
        (local.set $at (i32.load (local.get $argmax)))
        (if (i32.ge_s (local.get $at) (i32.const 0))
          (then
            (local.set $p (i32.add (local.get $dx) (i32.shl (local.get $at) (i32.const 2))))
            (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (f32.load (local.get $g))))))
        (local.set $argmax (i32.add (local.get $argmax) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (br $each))))

  ;; SGD (SGD.ts): p ← p − lr·g, in float64, rounded once.
  (func (export "sgd") (param $p i32) (param $g i32) (param $n i32) (param $lr f64)
    (local $end i32) (local $end2 i32) (local $lr2 v128)
    (local.set $lr2 (f64x2.splat (local.get $lr)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end2 (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 2))))
    (block $done2
      (loop $two
        (br_if $done2 (i32.ge_u (local.get $p) (local.get $end2)))
        (v128.store64_lane 0 (local.get $p)
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p)))
              (f64x2.mul (local.get $lr2) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $g (i32.add (local.get $g) (i32.const 8)))
        (br $two)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (f32.store (local.get $p)
          (f32.demote_f64
            (f64.sub (f64.promote_f32 (f32.load (local.get $p)))
                     (f64.mul (local.get $lr) (f64.promote_f32 (f32.load (local.get $g))))))))))

  ;; Adam (Adam.ts), for one parameter:  m ← m + c1·(g − m);  v ← v + c2·(g·g − v);
  ;; p ← p − (lrT·m)/(√v + eps), with c1 = 1 − β₁ and c2 = 1 − β₂ as JavaScript computed them, and m and
  ;; v read back rounded to float32 before p's step, as Adam.ts reads them from its Float32Arrays.
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $c1 f64) (param $c2 f64) (param $lrT f64) (param $eps f64)
    (local $i i32) (local $n2 i32) (local $at i32)
    (local $C1 v128) (local $C2 v128) (local $LR v128) (local $EPS v128)
    (local $gv v128) (local $mv v128) (local $vv v128) (local $mf v128) (local $vf v128)
    (local $gs f64) (local $ms f64) (local $vs f64)
    (local.set $C1 (f64x2.splat (local.get $c1)))
    (local.set $C2 (f64x2.splat (local.get $c2)))
    (local.set $LR (f64x2.splat (local.get $lrT)))
    (local.set $EPS (f64x2.splat (local.get $eps)))
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (block $done2
      (loop $two
        (br_if $done2 (i32.ge_u (local.get $i) (local.get $n2)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gv (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $at)))))
        (local.set $mv (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $m) (local.get $at)))))
        (local.set $vv (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $at)))))
        ;; m and v rounded to float32 and stored, then promoted again for p's step (each rounded once:
        ;; the conversions, not the division, are what this loop waits on)
        (local.set $mf (f32x4.demote_f64x2_zero
          (f64x2.add (local.get $mv) (f64x2.mul (local.get $C1) (f64x2.sub (local.get $gv) (local.get $mv))))))
        (local.set $vf (f32x4.demote_f64x2_zero
          (f64x2.add (local.get $vv) (f64x2.mul (local.get $C2) (f64x2.sub (f64x2.mul (local.get $gv) (local.get $gv)) (local.get $vv))))))
        (v128.store64_lane 0 (i32.add (local.get $m) (local.get $at)) (local.get $mf))
        (v128.store64_lane 0 (i32.add (local.get $v) (local.get $at)) (local.get $vf))
        (local.set $mv (f64x2.promote_low_f32x4 (local.get $mf)))
        (local.set $vv (f64x2.promote_low_f32x4 (local.get $vf)))
        (v128.store64_lane 0 (i32.add (local.get $p) (local.get $at))
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $at))))
              (f64x2.div (f64x2.mul (local.get $LR) (local.get $mv))
                         (f64x2.add (f64x2.sqrt (local.get $vv)) (local.get $EPS))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $two)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f64.promote_f32 (f32.load (i32.add (local.get $g) (local.get $at)))))
        (local.set $ms (f64.promote_f32 (f32.load (i32.add (local.get $m) (local.get $at)))))
        (local.set $vs (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $at)))))
        (local.set $ms (f64.promote_f32 (f32.demote_f64
          (f64.add (local.get $ms) (f64.mul (local.get $c1) (f64.sub (local.get $gs) (local.get $ms)))))))
        (local.set $vs (f64.promote_f32 (f32.demote_f64
          (f64.add (local.get $vs) (f64.mul (local.get $c2) (f64.sub (f64.mul (local.get $gs) (local.get $gs)) (local.get $vs)))))))
        (f32.store (i32.add (local.get $m) (local.get $at)) (f32.demote_f64 (local.get $ms)))
        (f32.store (i32.add (local.get $v) (local.get $at)) (f32.demote_f64 (local.get $vs)))
        (f32.store (i32.add (local.get $p) (local.get $at))
          (f32.demote_f64
            (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $p) (local.get $at))))
                     (f64.div (f64.mul (local.get $lrT) (local.get $ms))
                              (f64.add (f64.sqrt (local.get $vs)) (local.get $eps)))))))))

  ;; Two workers' gradients summed with their weights (training.ts's sumShares for W = 2):
  ;; out = (0 + w0·g0) + w1·g1, in float64, rounded once.
  (func (export "weightedSum2") (param $g0 i32) (param $g1 i32) (param $out i32) (param $n i32) (param $w0 f64) (param $w1 f64)
    (local $end i32) (local $end2 i32) (local $W0 v128) (local $W1 v128)
    (local.set $W0 (f64x2.splat (local.get $w0)))
    (local.set $W1 (f64x2.splat (local.get $w1)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end2 (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 2))))
    (block $done2
      (loop $two
        (br_if $done2 (i32.ge_u (local.get $out) (local.get $end2)))
        (v128.store64_lane 0 (local.get $out)
          (f32x4.demote_f64x2_zero
            (f64x2.add
              (f64x2.add (f64x2.splat (f64.const 0))
                         (f64x2.mul (local.get $W0) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g0)))))
              (f64x2.mul (local.get $W1) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g1)))))))
        (local.set $g0 (i32.add (local.get $g0) (i32.const 8)))
        (local.set $g1 (i32.add (local.get $g1) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $two)))
    (if (i32.lt_u (local.get $out) (local.get $end))
      (then
        (f32.store (local.get $out)
          (f32.demote_f64
            (f64.add
              (f64.add (f64.const 0) (f64.mul (local.get $w0) (f64.promote_f32 (f32.load (local.get $g0)))))
              (f64.mul (local.get $w1) (f64.promote_f32 (f32.load (local.get $g1))))))))))
)
