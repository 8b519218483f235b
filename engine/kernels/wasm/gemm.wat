;; The fast matrix product of engine/kernels/gemm.ts, in WebAssembly with 128-bit SIMD, and the
;; convolution steps that run beside it in the same memory: the window matrix (im2col), a stride-1
;; convolution straight from the image (convDirect), the bias, ReLU and pooling after it at inference
;; (biasReluPool) and in training (convReluPoolTrain, reluPoolBackward, winnersWeightGradient),
;; dout's transpose with db, an affine layer's bias and ReLU at inference (biasRows), and the byte →
;; [0, 1] conversion of a batch's pixels (bytesToUnits), which the affine layers read there.
;; Long because WebAssembly text has no macros: the 4×8 tile and its narrow-edge twins, the 4×4 transposes and the four-at-a-time
;; loops are spelt out, and the convolution steps live here so that their data never leaves the module.
;;
;; C (M×N, row-major) = A·B, or C += A·B, with A and B read through strides in elements exactly as
;; gemm.ts's MatrixView: A(i, k) = A[i·sai + k·sak], B(k, j) = B[k·sbk + j·sbj]. Every address passed
;; in is a byte offset into this module's own memory; wasmGemm.ts copies the operands in and C out.
;;
;; The loops are the classic blocked product (Goto and van de Geijn, "Anatomy of high-performance
;; matrix multiplication"): a KC×NC slice of B is packed into 8-column panels, an MC×KC slice of A
;; into 4-row panels, and the tile kernel multiplies one A panel by one B panel, keeping the 4×8 block
;; of C in eight f32x4 registers for the whole length KC. Packing makes every load of the kernel
;; sequential whatever the strides were, and pads ragged panels with zeros so the kernel never
;; branches on the edge; only the store of an edge tile is careful. When the last panel of B holds
;; at most 4 columns (N = 50 leaves 2, N = 100 leaves 4), $edge2 and $edge4 take it instead, on 16 or
;; 8 rows at once: the 4×8 tile would spend three quarters or half of its work on padding there.
;; For an A that is mostly zeros (a batch of images), each packed block of A can be compacted to the k
;; where some row of a panel is not zero, and $tileSparse multiplies only those: the same sums.
;; (Four MNIST digits together leave 39 % of the k, where one leaves 19 %. Listing each row's own
;; non-zero k and reading B's rows where they lie, 32 columns at a time, needs about two thirds of the
;; multiply-adds but was slower on 100 digits × 784 × 50: 157-162 µs against 121-128 µs. Listing the
;; rows alone took about 40 µs, and each step over a list loads eight vectors of B for eight
;; multiply-adds, where $tile loads two of B and four values of A.)
;;
;; scripts/build-wasm.mjs builds two variants from this text: as written (f32x4.mul then f32x4.add),
;; and with every `(f32x4.add (local.get $acc) (f32x4.mul x y))` rewritten to
;; `(f32x4.relaxed_madd x y (local.get $acc))`, the fused multiply-add of relaxed SIMD.

(module
  (memory (export "memory") 1)
  ;; How many blocks of A (MC×KC) `gemm` has multiplied with its zeros skipped, for tests and reports.
  (global $sparseBlocks (export "sparseBlocks") (mut i32) (i32.const 0))

  ;; One 4×8 tile: C[0..mr, 0..nr] (=|+=) A panel (4×kc, packed k-major) · B panel (kc×8, packed k-major).
  ;; $load is 1 to add the tile to what C holds (accumulate, or a later slice of K), 0 to overwrite.
  ;; A partial tile (mr < 4 or nr < 8) goes through the 128-byte $scratch and is copied element-wise.
  (func $tile
    (param $pa i32) (param $pb i32) (param $kc i32)
    (param $c i32) (param $ldc i32) (param $load i32) (param $mr i32) (param $nr i32) (param $scratch i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local $end i32) (local $row i32) (local $r i32) (local $j i32) (local $to i32) (local $v f32)
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $kc) (i32.const 4))))
    (loop $k
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load32_splat (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $k (i32.lt_u (local.get $pa) (local.get $end))))

    (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
      (then
        (local.set $row (local.get $c))
        (if (local.get $load)
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $row))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
            (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
            (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c30 (f32x4.add (local.get $c30) (v128.load (local.get $row))))
            (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $row))))
            (local.set $row (local.get $c))))
        (v128.store (local.get $row) (local.get $c00))
        (v128.store offset=16 (local.get $row) (local.get $c01))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c10))
        (v128.store offset=16 (local.get $row) (local.get $c11))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c20))
        (v128.store offset=16 (local.get $row) (local.get $c21))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c30))
        (v128.store offset=16 (local.get $row) (local.get $c31))
        (return)))

    ;; Fewer than four rows but all eight columns (30 filters leave a panel of 2; 50 samples too): the
    ;; rows that are inside C, a whole vector pair each, as above.
    (if (i32.eq (local.get $nr) (i32.const 8))
      (then
        (local.set $row (local.get $c))
        (if (local.get $load)
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $row))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $row))))))
        (v128.store (local.get $row) (local.get $c00))
        (v128.store offset=16 (local.get $row) (local.get $c01))
        (if (i32.gt_u (local.get $mr) (i32.const 1))
          (then
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (if (local.get $load)
              (then
                (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
                (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))))
            (v128.store (local.get $row) (local.get $c10))
            (v128.store offset=16 (local.get $row) (local.get $c11))))
        (if (i32.gt_u (local.get $mr) (i32.const 2))
          (then
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (if (local.get $load)
              (then
                (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
                (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))))
            (v128.store (local.get $row) (local.get $c20))
            (v128.store offset=16 (local.get $row) (local.get $c21))))
        (return)))

    ;; An edge tile: lay the whole 4×8 block out in scratch, then copy the mr×nr part that is inside C.
    (v128.store offset=0 (local.get $scratch) (local.get $c00))
    (v128.store offset=16 (local.get $scratch) (local.get $c01))
    (v128.store offset=32 (local.get $scratch) (local.get $c10))
    (v128.store offset=48 (local.get $scratch) (local.get $c11))
    (v128.store offset=64 (local.get $scratch) (local.get $c20))
    (v128.store offset=80 (local.get $scratch) (local.get $c21))
    (v128.store offset=96 (local.get $scratch) (local.get $c30))
    (v128.store offset=112 (local.get $scratch) (local.get $c31))
    (local.set $r (i32.const 0))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $to (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc)))
                                (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (f32.load (i32.add (local.get $scratch)
                                         (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j))
                                                  (i32.const 2)))))
        (if (local.get $load)
          (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $to))))))
        (f32.store (local.get $to) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (local.get $nr))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (local.get $mr)))))

  ;; $tile for an A panel whose zeros are skipped: $count entries of a panel $compactA made (the four
  ;; values of each k where some row is not zero), and at $list the byte offset k·32 of that k in the B
  ;; panel. Each value of C is still the float32 of $tile: a skipped k would add 0·B(k, j), a zero when
  ;; B(k, j) is finite, and adding a zero leaves a sum that started at +0 as it was. So `gemm` comes here
  ;; only when the packed slice of B is all finite ($allFinite). The store is $tile's, repeated: sharing
  ;; it, as a function or by one function with both loops, made the plain-SIMD build's $tile 1.6 to 2.7
  ;; times slower (V8's register allocation; measured on 512³ and the convolution's products).
  (func $tileSparse
    (param $pa i32) (param $pb i32) (param $list i32) (param $count i32)
    (param $c i32) (param $ldc i32) (param $load i32) (param $mr i32) (param $nr i32) (param $scratch i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128) (local $at i32)
    (local $end i32) (local $row i32) (local $r i32) (local $j i32) (local $to i32) (local $v f32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (if (local.get $count)
      (then
        (loop $k
          (local.set $at (i32.add (local.get $pb) (i32.load (local.get $list))))
          (local.set $b0 (v128.load (local.get $at)))
          (local.set $b1 (v128.load offset=16 (local.get $at)))
          (local.set $a (v128.load32_splat (local.get $pa)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
          (local.set $list (i32.add (local.get $list) (i32.const 4)))
          (br_if $k (i32.lt_u (local.get $list) (local.get $end))))))

    (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
      (then
        (local.set $row (local.get $c))
        (if (local.get $load)
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $row))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
            (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
            (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (local.set $c30 (f32x4.add (local.get $c30) (v128.load (local.get $row))))
            (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $row))))
            (local.set $row (local.get $c))))
        (v128.store (local.get $row) (local.get $c00))
        (v128.store offset=16 (local.get $row) (local.get $c01))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c10))
        (v128.store offset=16 (local.get $row) (local.get $c11))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c20))
        (v128.store offset=16 (local.get $row) (local.get $c21))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (v128.store (local.get $row) (local.get $c30))
        (v128.store offset=16 (local.get $row) (local.get $c31))
        (return)))

    ;; Fewer than four rows but all eight columns (30 filters leave a panel of 2; 50 samples too): the
    ;; rows that are inside C, a whole vector pair each, as above.
    (if (i32.eq (local.get $nr) (i32.const 8))
      (then
        (local.set $row (local.get $c))
        (if (local.get $load)
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $row))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $row))))))
        (v128.store (local.get $row) (local.get $c00))
        (v128.store offset=16 (local.get $row) (local.get $c01))
        (if (i32.gt_u (local.get $mr) (i32.const 1))
          (then
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (if (local.get $load)
              (then
                (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
                (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))))
            (v128.store (local.get $row) (local.get $c10))
            (v128.store offset=16 (local.get $row) (local.get $c11))))
        (if (i32.gt_u (local.get $mr) (i32.const 2))
          (then
            (local.set $row (i32.add (local.get $row) (local.get $ldc)))
            (if (local.get $load)
              (then
                (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
                (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))))
            (v128.store (local.get $row) (local.get $c20))
            (v128.store offset=16 (local.get $row) (local.get $c21))))
        (return)))

    ;; An edge tile: lay the whole 4×8 block out in scratch, then copy the mr×nr part that is inside C.
    (v128.store offset=0 (local.get $scratch) (local.get $c00))
    (v128.store offset=16 (local.get $scratch) (local.get $c01))
    (v128.store offset=32 (local.get $scratch) (local.get $c10))
    (v128.store offset=48 (local.get $scratch) (local.get $c11))
    (v128.store offset=64 (local.get $scratch) (local.get $c20))
    (v128.store offset=80 (local.get $scratch) (local.get $c21))
    (v128.store offset=96 (local.get $scratch) (local.get $c30))
    (v128.store offset=112 (local.get $scratch) (local.get $c31))
    (local.set $r (i32.const 0))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $to (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc)))
                                (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (f32.load (i32.add (local.get $scratch)
                                         (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j))
                                                  (i32.const 2)))))
        (if (local.get $load)
          (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $to))))))
        (f32.store (local.get $to) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (local.get $nr))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (local.get $mr)))))

  ;; The last columns of C when at most 2 are left (nr <= 2): four A panels (16 rows) at once, times
  ;; columns 0 and 1 of the B panel, with the vector across four rows of C instead of eight columns.
  ;; $tile there would fill 8 columns to keep 2, a quarter of its work; this fills 2 of every 16 rows x
  ;; 2 columns it computes. Each value of C is still the same chain, sum over k in order of A(i,k)*B(k,j)
  ;; starting from 0, then + C when $load -- the very numbers $tile gives. $rows (13..16) says how many
  ;; of the 16 rows exist (the last panel may be ragged, its missing rows packed as zeros).
  (func $edge2
    (param $pa i32) (param $pb i32) (param $kc i32)
    (param $c i32) (param $ldc i32) (param $load i32) (param $rows i32) (param $nr i32) (param $scratch i32)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128)
    (local $x20 v128) (local $x21 v128) (local $x30 v128) (local $x31 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b v128)
    (local $step i32) (local $end i32)
    ;; panel p of A starts p*kc*16 bytes after panel 0
    (local.set $step (i32.shl (local.get $kc) (i32.const 4)))
    (local.set $end (i32.add (local.get $pa) (local.get $step)))
    (loop $k
      (local.set $a0 (v128.load (local.get $pa)))
      (local.set $a1 (v128.load (i32.add (local.get $pa) (local.get $step))))
      (local.set $a2 (v128.load (i32.add (local.get $pa) (i32.shl (local.get $step) (i32.const 1)))))
      (local.set $a3 (v128.load (i32.add (local.get $pa) (i32.mul (local.get $step) (i32.const 3)))))
      (local.set $b (v128.load32_splat (local.get $pb)))
      (local.set $x00 (f32x4.add (local.get $x00) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x10 (f32x4.add (local.get $x10) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $x20 (f32x4.add (local.get $x20) (f32x4.mul (local.get $a2) (local.get $b))))
      (local.set $x30 (f32x4.add (local.get $x30) (f32x4.mul (local.get $a3) (local.get $b))))
      (local.set $b (v128.load32_splat offset=4 (local.get $pb)))
      (local.set $x01 (f32x4.add (local.get $x01) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x11 (f32x4.add (local.get $x11) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $x21 (f32x4.add (local.get $x21) (f32x4.mul (local.get $a2) (local.get $b))))
      (local.set $x31 (f32x4.add (local.get $x31) (f32x4.mul (local.get $a3) (local.get $b))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $k (i32.lt_u (local.get $pa) (local.get $end))))
    ;; scratch holds, for panel p and column j, the four rows' values at byte (2p + j)*16
    (v128.store offset=0 (local.get $scratch) (local.get $x00))
    (v128.store offset=16 (local.get $scratch) (local.get $x01))
    (v128.store offset=32 (local.get $scratch) (local.get $x10))
    (v128.store offset=48 (local.get $scratch) (local.get $x11))
    (v128.store offset=64 (local.get $scratch) (local.get $x20))
    (v128.store offset=80 (local.get $scratch) (local.get $x21))
    (v128.store offset=96 (local.get $scratch) (local.get $x30))
    (v128.store offset=112 (local.get $scratch) (local.get $x31))
    (call $storeColumns (local.get $c) (local.get $ldc) (local.get $load) (local.get $rows) (local.get $nr) (i32.const 2) (local.get $scratch)))

  ;; The same for 3 or 4 columns left (nr of 3 or 4): two A panels (8 rows) times columns 0..3.
  (func $edge4
    (param $pa i32) (param $pb i32) (param $kc i32)
    (param $c i32) (param $ldc i32) (param $load i32) (param $rows i32) (param $nr i32) (param $scratch i32)
    (local $x00 v128) (local $x01 v128) (local $x02 v128) (local $x03 v128)
    (local $x10 v128) (local $x11 v128) (local $x12 v128) (local $x13 v128)
    (local $a0 v128) (local $a1 v128) (local $b v128)
    (local $step i32) (local $end i32)
    (local.set $step (i32.shl (local.get $kc) (i32.const 4)))
    (local.set $end (i32.add (local.get $pa) (local.get $step)))
    (loop $k
      (local.set $a0 (v128.load (local.get $pa)))
      (local.set $a1 (v128.load (i32.add (local.get $pa) (local.get $step))))
      (local.set $b (v128.load32_splat (local.get $pb)))
      (local.set $x00 (f32x4.add (local.get $x00) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x10 (f32x4.add (local.get $x10) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $b (v128.load32_splat offset=4 (local.get $pb)))
      (local.set $x01 (f32x4.add (local.get $x01) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x11 (f32x4.add (local.get $x11) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $b (v128.load32_splat offset=8 (local.get $pb)))
      (local.set $x02 (f32x4.add (local.get $x02) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x12 (f32x4.add (local.get $x12) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $b (v128.load32_splat offset=12 (local.get $pb)))
      (local.set $x03 (f32x4.add (local.get $x03) (f32x4.mul (local.get $a0) (local.get $b))))
      (local.set $x13 (f32x4.add (local.get $x13) (f32x4.mul (local.get $a1) (local.get $b))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $k (i32.lt_u (local.get $pa) (local.get $end))))
    ;; panel p, column j at byte (4p + j)*16
    (v128.store offset=0 (local.get $scratch) (local.get $x00))
    (v128.store offset=16 (local.get $scratch) (local.get $x01))
    (v128.store offset=32 (local.get $scratch) (local.get $x02))
    (v128.store offset=48 (local.get $scratch) (local.get $x03))
    (v128.store offset=64 (local.get $scratch) (local.get $x10))
    (v128.store offset=80 (local.get $scratch) (local.get $x11))
    (v128.store offset=96 (local.get $scratch) (local.get $x12))
    (v128.store offset=112 (local.get $scratch) (local.get $x13))
    (call $storeColumns (local.get $c) (local.get $ldc) (local.get $load) (local.get $rows) (local.get $nr) (i32.const 4) (local.get $scratch)))

  ;; Writes what $edge2 or $edge4 left in scratch into C: rows 0..$rows-1, columns 0..$nr-1, the value of
  ;; row i, column j at scratch float ((i/4)*$width + j)*4 + i%4, plus what C holds when $load (as $tile).
  (func $storeColumns
    (param $c i32) (param $ldc i32) (param $load i32) (param $rows i32) (param $nr i32) (param $width i32) (param $scratch i32)
    (local $i i32) (local $j i32) (local $to i32) (local $v f32)
    (loop $rowLoop
      (local.set $j (i32.const 0))
      (loop $colLoop
        (local.set $to (i32.add (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc)))
                                (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (f32.load (i32.add (local.get $scratch)
          (i32.shl
            (i32.add (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $width)) (local.get $j)) (i32.const 2))
                     (i32.and (local.get $i) (i32.const 3)))
            (i32.const 2)))))
        (if (local.get $load)
          (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $to))))))
        (f32.store (local.get $to) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $colLoop (i32.lt_u (local.get $j) (local.get $nr))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rowLoop (i32.lt_u (local.get $i) (local.get $rows)))))

  ;; Packs rows i0..i0+mc, columns k0..k0+kc of A into 4-row panels: panel p holds, for each k, the four
  ;; values A(i0+4p+0..3, k) side by side (16 bytes), rows past the end as zeros. Panel p starts at
  ;; dst + 4p·kc·4 bytes.
  (func $packA
    (param $a i32) (param $sai i32) (param $sak i32) (param $i0 i32) (param $k0 i32)
    (param $mc i32) (param $kc i32) (param $dst i32)
    (local $ir i32) (local $rows i32) (local $k i32) (local $r i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $step i32) (local $rowStep i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $step (i32.shl (local.get $sak) (i32.const 2)))
    (local.set $rowStep (i32.shl (local.get $sai) (i32.const 2)))
    (loop $panels
      (local.set $rows (i32.sub (local.get $mc) (local.get $ir)))
      (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
      (local.set $p0 (i32.add (local.get $a)
        (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $ir)) (local.get $sai))
                          (i32.mul (local.get $k0) (local.get $sak)))
                 (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $done
        (if (i32.eq (local.get $rows) (i32.const 4))
          (then
            (if (i32.eq (local.get $sai) (i32.const 1))
              (then
                ;; A read transposed: the four rows of a column are adjacent, one vector per k.
                (loop $kv
                  (v128.store (local.get $dst) (v128.load (local.get $p0)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                  (local.set $p0 (i32.add (local.get $p0) (local.get $step)))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br_if $kv (i32.lt_u (local.get $k) (local.get $kc))))
                (br $done)))
            (local.set $p1 (i32.add (local.get $p0) (local.get $rowStep)))
            (local.set $p2 (i32.add (local.get $p1) (local.get $rowStep)))
            (local.set $p3 (i32.add (local.get $p2) (local.get $rowStep)))
            (if (i32.eq (local.get $sak) (i32.const 1))
              (then
                ;; A row-major: four k at a time from each row, transposed 4×4 in registers.
                (block $short
                  (br_if $short (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $kc)))
                  (loop $k4
                    (local.set $v0 (v128.load (local.get $p0)))
                    (local.set $v1 (v128.load (local.get $p1)))
                    (local.set $v2 (v128.load (local.get $p2)))
                    (local.set $v3 (v128.load (local.get $p3)))
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                    (v128.store offset=0 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                    (v128.store offset=16 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                    (v128.store offset=32 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                    (v128.store offset=48 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                    (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
                    (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
                    (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
                    (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br_if $k4 (i32.le_u (i32.add (local.get $k) (i32.const 4)) (local.get $kc)))))
                (br_if $done (i32.eq (local.get $k) (local.get $kc)))))
            ;; Any strides (and the last k of a row-major A): one value at a time.
            (loop $k1
              (f32.store offset=0 (local.get $dst) (f32.load (local.get $p0)))
              (f32.store offset=4 (local.get $dst) (f32.load (local.get $p1)))
              (f32.store offset=8 (local.get $dst) (f32.load (local.get $p2)))
              (f32.store offset=12 (local.get $dst) (f32.load (local.get $p3)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $p0 (i32.add (local.get $p0) (local.get $step)))
              (local.set $p1 (i32.add (local.get $p1) (local.get $step)))
              (local.set $p2 (i32.add (local.get $p2) (local.get $step)))
              (local.set $p3 (i32.add (local.get $p3) (local.get $step)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $k1 (i32.lt_u (local.get $k) (local.get $kc))))
            (br $done)))
        ;; The ragged last panel: the rows that exist, then zeros.
        (loop $kr
          (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
          (local.set $r (i32.const 0))
          (loop $r1
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))
                       (f32.load (i32.add (local.get $p0) (i32.mul (local.get $r) (local.get $rowStep)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br_if $r1 (i32.lt_u (local.get $r) (local.get $rows))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (local.set $p0 (i32.add (local.get $p0) (local.get $step)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $kr (i32.lt_u (local.get $k) (local.get $kc)))))
      (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
      (br_if $panels (i32.lt_u (local.get $ir) (local.get $mc)))))

  ;; Packs rows k0..k0+kc, columns j0..j0+nc of B into 8-column panels: panel p holds, for each k, the
  ;; eight values B(k, j0+8p+0..7) side by side (32 bytes), columns past the end as zeros. Panel p
  ;; starts at dst + 8p·kc·4 bytes.
  (func $packB
    (param $b i32) (param $sbk i32) (param $sbj i32) (param $k0 i32) (param $j0 i32)
    (param $kc i32) (param $nc i32) (param $dst i32)
    (local $jr i32) (local $cols i32) (local $k i32) (local $j i32)
    (local $p i32) (local $step i32) (local $colStep i32)
    (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $q4 i32) (local $q5 i32) (local $q6 i32) (local $q7 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $step (i32.shl (local.get $sbk) (i32.const 2)))
    (local.set $colStep (i32.shl (local.get $sbj) (i32.const 2)))
    (loop $panels
      (local.set $cols (i32.sub (local.get $nc) (local.get $jr)))
      (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
      (local.set $p (i32.add (local.get $b)
        (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $sbk))
                          (i32.mul (i32.add (local.get $j0) (local.get $jr)) (local.get $sbj)))
                 (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $done
        (if (i32.eq (local.get $cols) (i32.const 8))
          (then
            (if (i32.eq (local.get $sbj) (i32.const 1))
              (then
                ;; B row-major: the eight values of a row are adjacent, two vectors per k.
                (loop $kv
                  (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $p)))
                  (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $p)))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (local.get $step)))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br_if $kv (i32.lt_u (local.get $k) (local.get $kc))))
                (br $done)))
            (local.set $q1 (i32.add (local.get $p) (local.get $colStep)))
            (local.set $q2 (i32.add (local.get $q1) (local.get $colStep)))
            (local.set $q3 (i32.add (local.get $q2) (local.get $colStep)))
            (local.set $q4 (i32.add (local.get $q3) (local.get $colStep)))
            (local.set $q5 (i32.add (local.get $q4) (local.get $colStep)))
            (local.set $q6 (i32.add (local.get $q5) (local.get $colStep)))
            (local.set $q7 (i32.add (local.get $q6) (local.get $colStep)))
            (if (i32.eq (local.get $sbk) (i32.const 1))
              (then
                ;; B read transposed: four k at a time down each column, transposed 4×4 twice.
                (block $short
                  (br_if $short (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $kc)))
                  (loop $k4
                    (local.set $v0 (v128.load (local.get $p)))
                    (local.set $v1 (v128.load (local.get $q1)))
                    (local.set $v2 (v128.load (local.get $q2)))
                    (local.set $v3 (v128.load (local.get $q3)))
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                    (v128.store offset=0 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                    (v128.store offset=32 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                    (v128.store offset=64 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                    (v128.store offset=96 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                    (local.set $v0 (v128.load (local.get $q4)))
                    (local.set $v1 (v128.load (local.get $q5)))
                    (local.set $v2 (v128.load (local.get $q6)))
                    (local.set $v3 (v128.load (local.get $q7)))
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                    (v128.store offset=16 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                    (v128.store offset=48 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                    (v128.store offset=80 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                    (v128.store offset=112 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (local.set $q1 (i32.add (local.get $q1) (i32.const 16)))
                    (local.set $q2 (i32.add (local.get $q2) (i32.const 16)))
                    (local.set $q3 (i32.add (local.get $q3) (i32.const 16)))
                    (local.set $q4 (i32.add (local.get $q4) (i32.const 16)))
                    (local.set $q5 (i32.add (local.get $q5) (i32.const 16)))
                    (local.set $q6 (i32.add (local.get $q6) (i32.const 16)))
                    (local.set $q7 (i32.add (local.get $q7) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br_if $k4 (i32.le_u (i32.add (local.get $k) (i32.const 4)) (local.get $kc)))))
                (br_if $done (i32.eq (local.get $k) (local.get $kc)))))
            ;; Any strides (and the last k of a transposed B): one value at a time.
            (loop $k1
              (f32.store offset=0 (local.get $dst) (f32.load (local.get $p)))
              (f32.store offset=4 (local.get $dst) (f32.load (local.get $q1)))
              (f32.store offset=8 (local.get $dst) (f32.load (local.get $q2)))
              (f32.store offset=12 (local.get $dst) (f32.load (local.get $q3)))
              (f32.store offset=16 (local.get $dst) (f32.load (local.get $q4)))
              (f32.store offset=20 (local.get $dst) (f32.load (local.get $q5)))
              (f32.store offset=24 (local.get $dst) (f32.load (local.get $q6)))
              (f32.store offset=28 (local.get $dst) (f32.load (local.get $q7)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q1 (i32.add (local.get $q1) (local.get $step)))
              (local.set $q2 (i32.add (local.get $q2) (local.get $step)))
              (local.set $q3 (i32.add (local.get $q3) (local.get $step)))
              (local.set $q4 (i32.add (local.get $q4) (local.get $step)))
              (local.set $q5 (i32.add (local.get $q5) (local.get $step)))
              (local.set $q6 (i32.add (local.get $q6) (local.get $step)))
              (local.set $q7 (i32.add (local.get $q7) (local.get $step)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $k1 (i32.lt_u (local.get $k) (local.get $kc))))
            (br $done)))
        ;; The ragged last panel: the columns that exist, then zeros.
        (loop $kr
          (v128.store offset=0 (local.get $dst) (v128.const i32x4 0 0 0 0))
          (v128.store offset=16 (local.get $dst) (v128.const i32x4 0 0 0 0))
          (local.set $j (i32.const 0))
          (loop $c1
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
                       (f32.load (i32.add (local.get $p) (i32.mul (local.get $j) (local.get $colStep)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $c1 (i32.lt_u (local.get $j) (local.get $cols))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $kr (i32.lt_u (local.get $k) (local.get $kc)))))
      (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
      (br_if $panels (i32.lt_u (local.get $jr) (local.get $nc)))))

  ;; Compacts $panels packed 4-row panels of A ($packA's layout, $kc values of k each): panel p's k where
  ;; any of its four values is not zero go, in order, to $vals + p·kc·16 (16 bytes each), with k·32 at
  ;; $list + p·kc·4; their number to $counts + 4p. Returns the total. Branch-free: every k is written at
  ;; the next place, which only a non-zero one keeps.
  (func $compactA
    (param $pa i32) (param $panels i32) (param $kc i32) (param $vals i32) (param $list i32) (param $counts i32)
    (result i32)
    (local $p i32) (local $n i32) (local $off i32) (local $end i32) (local $total i32) (local $v v128)
    (local.set $end (i32.shl (local.get $kc) (i32.const 5)))
    (loop $panel
      (local.set $n (i32.const 0))
      (local.set $off (i32.const 0))
      (loop $k
        (local.set $v (v128.load (local.get $pa)))
        (v128.store (i32.add (local.get $vals) (i32.shl (local.get $n) (i32.const 4))) (local.get $v))
        (i32.store (i32.add (local.get $list) (i32.shl (local.get $n) (i32.const 2))) (local.get $off))
        (local.set $n (i32.add (local.get $n) (v128.any_true (local.get $v))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br_if $k (i32.lt_u (local.get $off) (local.get $end))))
      (i32.store (local.get $counts) (local.get $n))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (local.set $vals (i32.add (local.get $vals) (i32.shl (local.get $kc) (i32.const 4))))
      (local.set $list (i32.add (local.get $list) (i32.shl (local.get $kc) (i32.const 2))))
      (local.set $counts (i32.add (local.get $counts) (i32.const 4)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $panel (i32.lt_u (local.get $p) (local.get $panels))))
    (local.get $total))

  ;; 1 when none of the $n floats at $p (a multiple of 4) is an infinity or a NaN, else 0. |x| <= the
  ;; largest float is false for both; the lanes' answers are and-ed together (a one-cycle chain: a
  ;; running f32x4.max, whose NaN rule costs several instructions, made this scan a third of the product).
  (func $allFinite (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $ok v128) (local $max v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $ok (v128.const i32x4 -1 -1 -1 -1))
    (local.set $max (v128.const f32x4 3.4028234663852886e38 3.4028234663852886e38 3.4028234663852886e38 3.4028234663852886e38))
    (loop $v
      (local.set $ok (v128.and (local.get $ok) (f32x4.le (f32x4.abs (v128.load (local.get $p))) (local.get $max))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $v (i32.lt_u (local.get $p) (local.get $end))))
    (i32x4.all_true (local.get $ok)))

  ;; C (=|+=) A·B for M, N, K ≥ 1. $packA needs ⌈min(MC, M)/4⌉·4·min(KC, K) floats, $packB
  ;; min(KC, K)·⌈min(NC, N)/8⌉·8 floats, $scratch 32 floats. MC is a multiple of 4, NC of 8.
  ;; $sparse (1 or 0) asks for A's zeros to be skipped ($compactA, $tileSparse); then $vals needs as many
  ;; floats as $packA, $list ⌈min(MC, M)/4⌉·min(KC, K) i32s and $counts ⌈min(MC, M)/4⌉ i32s.
  (func (export "gemm")
    (param $M i32) (param $N i32) (param $K i32)
    (param $a i32) (param $sai i32) (param $sak i32)
    (param $b i32) (param $sbk i32) (param $sbj i32)
    (param $c i32) (param $accumulate i32)
    (param $packA i32) (param $packB i32) (param $scratch i32)
    (param $MC i32) (param $KC i32) (param $NC i32)
    (param $sparse i32) (param $vals i32) (param $list i32) (param $counts i32)
    (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $ic i32) (local $mc i32)
    (local $jr i32) (local $ir i32) (local $load i32) (local $ldc i32) (local $nr i32) (local $mr i32)
    (local $finite i32) (local $skip i32)
    (local.set $ldc (i32.shl (local.get $N) (i32.const 2)))
    (loop $jcLoop
      (local.set $nc (i32.sub (local.get $N) (local.get $jc)))
      (if (i32.gt_u (local.get $nc) (local.get $NC)) (then (local.set $nc (local.get $NC))))
      (local.set $pc (i32.const 0))
      (loop $pcLoop
        (local.set $kc (i32.sub (local.get $K) (local.get $pc)))
        (if (i32.gt_u (local.get $kc) (local.get $KC)) (then (local.set $kc (local.get $KC))))
        (call $packB (local.get $b) (local.get $sbk) (local.get $sbj) (local.get $pc) (local.get $jc)
                     (local.get $kc) (local.get $nc) (local.get $packB))
        ;; Zeros of A may be skipped only where B has no infinity or NaN (0 times those is NaN). Whether
        ;; this slice of B has any is asked once, by the first block of A with zeros enough to skip: a
        ;; block without is multiplied whole and need not know (-1: not asked yet).
        (local.set $finite (i32.const -1))
        (local.set $load (i32.or (local.get $accumulate) (i32.ne (local.get $pc) (i32.const 0))))
        (local.set $ic (i32.const 0))
        (loop $icLoop
          (local.set $mc (i32.sub (local.get $M) (local.get $ic)))
          (if (i32.gt_u (local.get $mc) (local.get $MC)) (then (local.set $mc (local.get $MC))))
          (call $packA (local.get $a) (local.get $sai) (local.get $sak) (local.get $ic) (local.get $pc)
                       (local.get $mc) (local.get $kc) (local.get $packA))
          ;; The sparse path when at most three quarters of the (panel, k) columns hold a non-zero, and B is finite.
          (local.set $skip (i32.const 0))
          (if (local.get $sparse)
            (then
              (local.set $skip (i32.le_u
                (i32.shl (call $compactA (local.get $packA) (i32.shr_u (i32.add (local.get $mc) (i32.const 3)) (i32.const 2))
                                         (local.get $kc) (local.get $vals) (local.get $list) (local.get $counts))
                         (i32.const 2))
                (i32.mul (i32.mul (i32.shr_u (i32.add (local.get $mc) (i32.const 3)) (i32.const 2)) (local.get $kc)) (i32.const 3))))
              (if (i32.and (local.get $skip) (i32.lt_s (local.get $finite) (i32.const 0)))
                (then
                  (local.set $finite (call $allFinite (local.get $packB)
                    (i32.mul (local.get $kc) (i32.and (i32.add (local.get $nc) (i32.const 7)) (i32.const -8)))))))
              (local.set $skip (i32.and (local.get $skip) (i32.eq (local.get $finite) (i32.const 1))))
              (global.set $sparseBlocks (i32.add (global.get $sparseBlocks) (local.get $skip)))))
          (local.set $jr (i32.const 0))
          (loop $jrLoop
            (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
            (if (i32.gt_u (local.get $nr) (i32.const 8)) (then (local.set $nr (i32.const 8))))
            (local.set $ir (i32.const 0))
            (if (local.get $skip)
              (then
                ;; Every A panel through $tileSparse (narrow B panels too: it skips most of their work
                ;; anyway); $ir then stands at $mc, past the dense loops below.
                (loop $sparseLoop
                  (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
                  (if (i32.gt_u (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
                  (call $tileSparse
                    (i32.add (local.get $vals) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                    (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                    (i32.add (local.get $list) (i32.mul (local.get $ir) (local.get $kc)))
                    (i32.load (i32.add (local.get $counts) (local.get $ir)))
                    (i32.add (local.get $c)
                      (i32.shl (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $N))
                                        (i32.add (local.get $jc) (local.get $jr)))
                               (i32.const 2)))
                    (local.get $ldc) (local.get $load) (local.get $mr) (local.get $nr) (local.get $scratch))
                  (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
                  (br_if $sparseLoop (i32.lt_u (local.get $ir) (local.get $mc))))))
            ;; A narrow last panel of B (at most 4 columns) goes to $edge2 or $edge4 while they have their
            ;; 16 or 8 rows of A (the last of them possibly ragged); what rows remain go to $tile.
            (if (i32.le_u (local.get $nr) (i32.const 2))
              (then
                (block $done2
                  (loop $edgeLoop2
                    (br_if $done2 (i32.le_s (i32.sub (local.get $mc) (local.get $ir)) (i32.const 12)))
                    (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
                    (if (i32.gt_u (local.get $mr) (i32.const 16)) (then (local.set $mr (i32.const 16))))
                    (call $edge2
                      (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                      (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                      (local.get $kc)
                      (i32.add (local.get $c)
                        (i32.shl (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $N))
                                          (i32.add (local.get $jc) (local.get $jr)))
                                 (i32.const 2)))
                      (local.get $ldc) (local.get $load) (local.get $mr) (local.get $nr) (local.get $scratch))
                    (local.set $ir (i32.add (local.get $ir) (i32.const 16)))
                    (br $edgeLoop2))))
              (else
                (if (i32.le_u (local.get $nr) (i32.const 4))
                  (then
                    (block $done4
                      (loop $edgeLoop4
                        (br_if $done4 (i32.le_s (i32.sub (local.get $mc) (local.get $ir)) (i32.const 4)))
                        (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
                        (if (i32.gt_u (local.get $mr) (i32.const 8)) (then (local.set $mr (i32.const 8))))
                        (call $edge4
                          (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                          (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                          (local.get $kc)
                          (i32.add (local.get $c)
                            (i32.shl (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $N))
                                              (i32.add (local.get $jc) (local.get $jr)))
                                     (i32.const 2)))
                          (local.get $ldc) (local.get $load) (local.get $mr) (local.get $nr) (local.get $scratch))
                        (local.set $ir (i32.add (local.get $ir) (i32.const 8)))
                        (br $edgeLoop4)))))))
            (if (i32.lt_u (local.get $ir) (local.get $mc))
              (then
                (loop $irLoop
                  (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
                  (if (i32.gt_u (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
                  (call $tile
                    (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                    (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                    (local.get $kc)
                    (i32.add (local.get $c)
                      (i32.shl (i32.add (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $N))
                                        (i32.add (local.get $jc) (local.get $jr)))
                               (i32.const 2)))
                    (local.get $ldc) (local.get $load) (local.get $mr) (local.get $nr) (local.get $scratch))
                  (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
                  (br_if $irLoop (i32.lt_u (local.get $ir) (local.get $mc))))))
            (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
            (br_if $jrLoop (i32.lt_u (local.get $jr) (local.get $nc))))
          (local.set $ic (i32.add (local.get $ic) (local.get $MC)))
          (br_if $icLoop (i32.lt_u (local.get $ic) (local.get $M))))
        (local.set $pc (i32.add (local.get $pc) (local.get $KC)))
        (br_if $pcLoop (i32.lt_u (local.get $pc) (local.get $K))))
      (local.set $jc (i32.add (local.get $jc) (local.get $NC)))
      (br_if $jcLoop (i32.lt_u (local.get $jc) (local.get $N)))))

;; A convolution of stride 1 without padding, W·colT, without building colT: the (FN × count·OH·OW)
  ;; product `gemm` gives for W (FN × K, K = C·KH·KW <= KC) times im2col's window matrix, to the last bit,
  ;; written at $c. Eight output pixels of one output row are eight consecutive pixels of each input row
  ;; they read, so the packed 8-column panel of the window matrix that `gemm` would copy out of colT is
  ;; copied straight from x (two loads per window position), and the very same $tile multiplies it by
  ;; the packed W. OW must be a multiple of 8 and K at most KC (one slice of K, as in `gemm`).
  (func (export "convDirect")
    (param $x i32) (param $channels i32) (param $height i32) (param $width i32) (param $kh i32) (param $kw i32)
    (param $outH i32) (param $outW i32) (param $count i32)
    (param $w i32) (param $filters i32) (param $c i32)
    (param $packA i32) (param $packB i32) (param $scratch i32)
    (local $K i32) (local $columns i32) (local $ldc i32) (local $j i32)
    (local $n i32) (local $oy i32) (local $ox i32) (local $ch i32) (local $ky i32) (local $kx i32)
    (local $row i32) (local $pb i32) (local $ir i32) (local $mr i32)
    (local.set $K (i32.mul (local.get $channels) (i32.mul (local.get $kh) (local.get $kw))))
    (local.set $columns (i32.mul (local.get $count) (i32.mul (local.get $outH) (local.get $outW))))
    (local.set $ldc (i32.shl (local.get $columns) (i32.const 2)))
    (call $packA (local.get $w) (local.get $K) (i32.const 1) (i32.const 0) (i32.const 0)
                 (local.get $filters) (local.get $K) (local.get $packA))
    (loop $nLoop
      (local.set $oy (i32.const 0))
      (loop $oyLoop
        (local.set $ox (i32.const 0))
        (loop $oxLoop
          ;; the panel: for each window position (c, ky, kx), x[n, c, oy + ky, ox + kx … ox + kx + 7]
          (local.set $pb (local.get $packB))
          (local.set $ch (i32.const 0))
          (loop $chLoop
            (local.set $ky (i32.const 0))
            (loop $kyLoop
              (local.set $row (i32.add (local.get $x)
                (i32.shl
                  (i32.add
                    (i32.mul
                      (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $channels)) (local.get $ch)) (local.get $height))
                               (i32.add (local.get $oy) (local.get $ky)))
                      (local.get $width))
                    (local.get $ox))
                  (i32.const 2))))
              (local.set $kx (i32.const 0))
              (loop $kxLoop
                (v128.store (local.get $pb) (v128.load (local.get $row)))
                (v128.store offset=16 (local.get $pb) (v128.load offset=16 (local.get $row)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (local.set $row (i32.add (local.get $row) (i32.const 4)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $kxLoop (i32.lt_u (local.get $kx) (local.get $kw))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $kyLoop (i32.lt_u (local.get $ky) (local.get $kh))))
            (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
            (br_if $chLoop (i32.lt_u (local.get $ch) (local.get $channels))))
          ;; every 4-filter panel of W times this panel, as gemm's inner loops do
          (local.set $ir (i32.const 0))
          (loop $irLoop
            (local.set $mr (i32.sub (local.get $filters) (local.get $ir)))
            (if (i32.gt_u (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
            (call $tile
              (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $ir) (local.get $K)) (i32.const 2)))
              (local.get $packB) (local.get $K)
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $columns)) (local.get $j)) (i32.const 2)))
              (local.get $ldc) (i32.const 0) (local.get $mr) (i32.const 8) (local.get $scratch))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br_if $irLoop (i32.lt_u (local.get $ir) (local.get $filters))))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 8)))
          (br_if $oxLoop (i32.lt_u (local.get $ox) (local.get $outW))))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br_if $oyLoop (i32.lt_u (local.get $oy) (local.get $outH))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $nLoop (i32.lt_u (local.get $n) (local.get $count)))))

  ;; ---- Inference through a convolution, inside the module (wasmGemm.ts `convolveForInference`) ----
  ;; The window matrix is built here, next to the product that reads it, instead of in JavaScript and
  ;; copied in; the bias, the ReLU and a 2x2 max pooling after the product run here too, on the product
  ;; while it is still in cache. Neither function multiplies, so both builds share them unchanged.

  ;; The first output position o whose window position k lands inside the input: ceil((P - k)/S), clipped
  ;; to [0, out] (layers/fast/im2colRows.ts, insideFrom).
  (func $insideFrom (param $k i32) (param $stride i32) (param $pad i32) (param $out i32) (result i32)
    (local $v i32)
    (local.set $v (i32.sub (local.get $pad) (local.get $k)))
    (if (i32.le_s (local.get $v) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $v (i32.div_u (i32.add (local.get $v) (i32.sub (local.get $stride) (i32.const 1))) (local.get $stride)))
    (if (result i32) (i32.lt_s (local.get $v) (local.get $out)) (then (local.get $v)) (else (local.get $out))))

  ;; One past the last such position: floor((size - 1 + P - k)/S) + 1, clipped to [from, out] (insideTo).
  (func $insideTo (param $size i32) (param $k i32) (param $stride i32) (param $pad i32) (param $out i32) (param $from i32) (result i32)
    (local $v i32)
    (local.set $v (i32.sub (i32.add (i32.sub (local.get $size) (i32.const 1)) (local.get $pad)) (local.get $k)))
    (if (i32.lt_s (local.get $v) (i32.const 0)) (then (return (local.get $from))))
    (local.set $v (i32.add (i32.div_u (local.get $v) (local.get $stride)) (i32.const 1)))
    (if (i32.gt_s (local.get $v) (local.get $out)) (then (local.set $v (local.get $out))))
    (if (result i32) (i32.lt_s (local.get $v) (local.get $from)) (then (local.get $from)) (else (local.get $v))))

  ;; $n zeros from byte $d on ($n may be 0 or less: nothing).
  (func $zeros (param $d i32) (param $n i32)
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $z
        (f32.store (local.get $d) (f32.const 0))
        (local.set $d (i32.add (local.get $d) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $z (i32.gt_s (local.get $n) (i32.const 0))))))

  ;; layers/fast/im2colRows.ts's im2colRows, element for element: the (C*KH*KW) x ($count*OH*OW) window
  ;; matrix of the $count images stored one after another from byte $x, written from byte $dst. Rows
  ;; (c, ky, kx), then images, then output rows follow each other in memory, so $d only moves forward.
  ;; With stride 1 the part of a run inside the image is one contiguous stretch of an image row, copied
  ;; four values at a time.
  (func (export "im2col")
    (param $x i32) (param $channels i32) (param $height i32) (param $width i32)
    (param $kh i32) (param $kw i32) (param $stride i32) (param $pad i32)
    (param $outH i32) (param $outW i32) (param $count i32) (param $dst i32)
    (local $c i32) (local $ky i32) (local $kx i32) (local $n i32) (local $oy i32) (local $ox i32)
    (local $oyFrom i32) (local $oyTo i32) (local $oxFrom i32) (local $oxTo i32)
    (local $planeBytes i32) (local $imageBytes i32) (local $rowBytes i32) (local $src i32) (local $s i32) (local $d i32)
    (local.set $planeBytes (i32.shl (i32.mul (local.get $height) (local.get $width)) (i32.const 2)))
    (local.set $imageBytes (i32.mul (local.get $planeBytes) (local.get $channels)))
    (local.set $rowBytes (i32.shl (local.get $outW) (i32.const 2)))
    (local.set $d (local.get $dst))
    (loop $cLoop
      (local.set $ky (i32.const 0))
      (loop $kyLoop
        (local.set $oyFrom (call $insideFrom (local.get $ky) (local.get $stride) (local.get $pad) (local.get $outH)))
        (local.set $oyTo (call $insideTo (local.get $height) (local.get $ky) (local.get $stride) (local.get $pad) (local.get $outH) (local.get $oyFrom)))
        (local.set $kx (i32.const 0))
        (loop $kxLoop
          (local.set $oxFrom (call $insideFrom (local.get $kx) (local.get $stride) (local.get $pad) (local.get $outW)))
          (local.set $oxTo (call $insideTo (local.get $width) (local.get $kx) (local.get $stride) (local.get $pad) (local.get $outW) (local.get $oxFrom)))
          (local.set $n (i32.const 0))
          (loop $nLoop
            (local.set $src (i32.add (local.get $x)
              (i32.add (i32.mul (local.get $n) (local.get $imageBytes)) (i32.mul (local.get $c) (local.get $planeBytes)))))
            (local.set $oy (i32.const 0))
            (loop $oyLoop
              (if (i32.or (i32.lt_s (local.get $oy) (local.get $oyFrom)) (i32.ge_s (local.get $oy) (local.get $oyTo)))
                (then (call $zeros (local.get $d) (local.get $outW)))
                (else
                  ;; the input under output column 0 (perhaps left of the row: only columns from oxFrom on are read)
                  (local.set $s (i32.add (local.get $src)
                    (i32.shl
                      (i32.add
                        (i32.mul (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $stride)) (local.get $ky)) (local.get $pad)) (local.get $width))
                        (i32.sub (local.get $kx) (local.get $pad)))
                      (i32.const 2))))
                  (call $zeros (local.get $d) (local.get $oxFrom))
                  (local.set $ox (local.get $oxFrom))
                  (if (i32.eq (local.get $stride) (i32.const 1))
                    (then
                      (block $vectorsDone
                        (br_if $vectorsDone (i32.gt_s (i32.add (local.get $ox) (i32.const 4)) (local.get $oxTo)))
                        (loop $vectors
                          (v128.store (i32.add (local.get $d) (i32.shl (local.get $ox) (i32.const 2)))
                                      (v128.load (i32.add (local.get $s) (i32.shl (local.get $ox) (i32.const 2)))))
                          (local.set $ox (i32.add (local.get $ox) (i32.const 4)))
                          (br_if $vectors (i32.le_s (i32.add (local.get $ox) (i32.const 4)) (local.get $oxTo)))))
                      (block $tailDone
                        (br_if $tailDone (i32.ge_s (local.get $ox) (local.get $oxTo)))
                        (loop $tail
                          (f32.store (i32.add (local.get $d) (i32.shl (local.get $ox) (i32.const 2)))
                                     (f32.load (i32.add (local.get $s) (i32.shl (local.get $ox) (i32.const 2)))))
                          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                          (br_if $tail (i32.lt_s (local.get $ox) (local.get $oxTo))))))
                    (else
                      (block $stridedDone
                        (br_if $stridedDone (i32.ge_s (local.get $ox) (local.get $oxTo)))
                        (loop $strided
                          (f32.store (i32.add (local.get $d) (i32.shl (local.get $ox) (i32.const 2)))
                                     (f32.load (i32.add (local.get $s) (i32.shl (i32.mul (local.get $ox) (local.get $stride)) (i32.const 2)))))
                          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                          (br_if $strided (i32.lt_s (local.get $ox) (local.get $oxTo)))))))
                  (call $zeros (i32.add (local.get $d) (i32.shl (local.get $oxTo) (i32.const 2))) (i32.sub (local.get $outW) (local.get $oxTo)))))
              (local.set $d (i32.add (local.get $d) (local.get $rowBytes)))
              (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
              (br_if $oyLoop (i32.lt_s (local.get $oy) (local.get $outH))))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br_if $nLoop (i32.lt_s (local.get $n) (local.get $count))))
          (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
          (br_if $kxLoop (i32.lt_s (local.get $kx) (local.get $kw))))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br_if $kyLoop (i32.lt_s (local.get $ky) (local.get $kh))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $cLoop (i32.lt_s (local.get $c) (local.get $channels)))))

  ;; The layers after the product at inference: product (FN x $count*OH*OW, from byte $product) plus the
  ;; bias (FN floats at $bias), then max(*, $floor) -- 0 for a ReLU, -inf for none -- into $dst as
  ;; ($count, FN, *). With $pool 1, the value of each 2x2 window (stride 2; OH and OW even) is taken
  ;; first: for a ReLU after a bias, max over the window then bias then ReLU gives the very number that
  ;; bias, ReLU, then max pooling give, both being non-decreasing -- except where a NaN appears, which
  ;; f32x4.max carries through. Returns 1 when any output is NaN (the caller then redoes the chunk the
  ;; readable way), else 0.
  (func (export "biasReluPool")
    (param $product i32) (param $filters i32) (param $count i32) (param $outH i32) (param $outW i32)
    (param $bias i32) (param $floor f32) (param $pool i32) (param $dst i32) (result i32)
    (local $n i32) (local $f i32) (local $plane i32) (local $columnsBytes i32) (local $src i32) (local $o i32)
    (local $py i32) (local $px i32) (local $pw i32) (local $ph i32) (local $r0 i32) (local $r1 i32) (local $i i32)
    (local $bv v128) (local $lo v128) (local $nan v128) (local $v v128) (local $w v128) (local $m v128)
    (local $b f32) (local $s f32) (local $nanScalar i32)
    (local.set $plane (i32.mul (local.get $outH) (local.get $outW)))
    (local.set $columnsBytes (i32.shl (i32.mul (local.get $count) (local.get $plane)) (i32.const 2)))
    (local.set $lo (f32x4.splat (local.get $floor)))
    (local.set $nan (v128.const i32x4 0 0 0 0))
    (local.set $ph (i32.shr_u (local.get $outH) (i32.const 1)))
    (local.set $pw (i32.shr_u (local.get $outW) (i32.const 1)))
    (local.set $o (local.get $dst))
    (loop $nLoop
      (local.set $f (i32.const 0))
      (loop $fLoop
        (local.set $b (f32.load (i32.add (local.get $bias) (i32.shl (local.get $f) (i32.const 2)))))
        (local.set $bv (f32x4.splat (local.get $b)))
        (local.set $src (i32.add (local.get $product)
          (i32.add (i32.mul (local.get $f) (local.get $columnsBytes)) (i32.shl (i32.mul (local.get $n) (local.get $plane)) (i32.const 2)))))
        (if (local.get $pool)
          (then
            (local.set $py (i32.const 0))
            (loop $pyLoop
              (local.set $r0 (i32.add (local.get $src) (i32.shl (i32.mul (i32.shl (local.get $py) (i32.const 1)) (local.get $outW)) (i32.const 2))))
              (local.set $r1 (i32.add (local.get $r0) (i32.shl (local.get $outW) (i32.const 2))))
              (local.set $px (i32.const 0))
              ;; four windows at a time: eight input columns of two rows
              (block $quadsDone
                (br_if $quadsDone (i32.gt_s (i32.add (local.get $px) (i32.const 4)) (local.get $pw)))
                (loop $quads
                  (local.set $v (f32x4.max (v128.load (local.get $r0)) (v128.load (local.get $r1))))
                  (local.set $w (f32x4.max (v128.load offset=16 (local.get $r0)) (v128.load offset=16 (local.get $r1))))
                  (local.set $m (f32x4.max
                    (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $v) (local.get $w))
                    (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $v) (local.get $w))))
                  (local.set $m (f32x4.max (f32x4.add (local.get $m) (local.get $bv)) (local.get $lo)))
                  (local.set $nan (v128.or (local.get $nan) (f32x4.ne (local.get $m) (local.get $m))))
                  (v128.store (local.get $o) (local.get $m))
                  (local.set $o (i32.add (local.get $o) (i32.const 16)))
                  (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
                  (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
                  (local.set $px (i32.add (local.get $px) (i32.const 4)))
                  (br_if $quads (i32.le_s (i32.add (local.get $px) (i32.const 4)) (local.get $pw)))))
              (block $onesDone
                (br_if $onesDone (i32.ge_s (local.get $px) (local.get $pw)))
                (loop $ones
                  (local.set $s (f32.max
                    (f32.max (f32.load (local.get $r0)) (f32.load offset=4 (local.get $r0)))
                    (f32.max (f32.load (local.get $r1)) (f32.load offset=4 (local.get $r1)))))
                  (local.set $s (f32.max (f32.add (local.get $s) (local.get $b)) (local.get $floor)))
                  (local.set $nanScalar (i32.or (local.get $nanScalar) (f32.ne (local.get $s) (local.get $s))))
                  (f32.store (local.get $o) (local.get $s))
                  (local.set $o (i32.add (local.get $o) (i32.const 4)))
                  (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
                  (local.set $r1 (i32.add (local.get $r1) (i32.const 8)))
                  (local.set $px (i32.add (local.get $px) (i32.const 1)))
                  (br_if $ones (i32.lt_s (local.get $px) (local.get $pw)))))
              (local.set $py (i32.add (local.get $py) (i32.const 1)))
              (br_if $pyLoop (i32.lt_s (local.get $py) (local.get $ph)))))
          (else
            (local.set $i (i32.const 0))
            (block $vectorsDone
              (br_if $vectorsDone (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $plane)))
              (loop $vectors
                (local.set $m (f32x4.max (f32x4.add (v128.load (local.get $src)) (local.get $bv)) (local.get $lo)))
                (local.set $nan (v128.or (local.get $nan) (f32x4.ne (local.get $m) (local.get $m))))
                (v128.store (local.get $o) (local.get $m))
                (local.set $o (i32.add (local.get $o) (i32.const 16)))
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br_if $vectors (i32.le_s (i32.add (local.get $i) (i32.const 4)) (local.get $plane)))))
            (block $tailDone
              (br_if $tailDone (i32.ge_s (local.get $i) (local.get $plane)))
              (loop $tail
                (local.set $s (f32.max (f32.add (f32.load (local.get $src)) (local.get $b)) (local.get $floor)))
                (local.set $nanScalar (i32.or (local.get $nanScalar) (f32.ne (local.get $s) (local.get $s))))
                (f32.store (local.get $o) (local.get $s))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))
                (local.set $src (i32.add (local.get $src) (i32.const 4)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $tail (i32.lt_s (local.get $i) (local.get $plane)))))))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br_if $fLoop (i32.lt_s (local.get $f) (local.get $filters))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $nLoop (i32.lt_s (local.get $n) (local.get $count))))
    (i32.or (local.get $nanScalar) (v128.any_true (local.get $nan))))

  ;; An affine layer's bias added to each of the $rows rows of $cols floats at $c, in place, then the
  ;; maximum with $floor: FastAffine's `o[row + j] += bias[j]` (a float32 sum, which float64's rounded to
  ;; float32 equals) and, with $floor 0, FastRelu's `v <= 0 ? 0 : v` (max(−0, 0) is +0, as there); with
  ;; $floor −∞ the sum alone. Returns 1 when a NaN came up, whose bits the readable layers keep their own
  ;; way, for the caller to run them instead (inference's affine chain, wasmGemm.ts `affineChain`).
  (func (export "biasRows") (param $c i32) (param $rows i32) (param $cols i32) (param $bias i32) (param $floor f32) (result i32)
    (local $r i32) (local $j i32) (local $lo v128) (local $m v128) (local $nan v128) (local $s f32) (local $nanScalar i32)
    (local.set $lo (f32x4.splat (local.get $floor)))
    (local.set $nan (v128.const i32x4 0 0 0 0))
    (block $rowsDone
      (br_if $rowsDone (i32.le_s (local.get $rows) (i32.const 0)))
      (loop $rowLoop
        (local.set $j (i32.const 0))
        (block $vectorsDone
          (br_if $vectorsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $cols)))
          (loop $vectors
            (local.set $m (f32x4.max
              (f32x4.add (v128.load (local.get $c)) (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.get $lo)))
            (local.set $nan (v128.or (local.get $nan) (f32x4.ne (local.get $m) (local.get $m))))
            (v128.store (local.get $c) (local.get $m))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br_if $vectors (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $cols)))))
        (block $tailDone
          (br_if $tailDone (i32.ge_s (local.get $j) (local.get $cols)))
          (loop $tail
            (local.set $s (f32.max
              (f32.add (f32.load (local.get $c)) (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (local.get $floor)))
            (local.set $nanScalar (i32.or (local.get $nanScalar) (f32.ne (local.get $s) (local.get $s))))
            (f32.store (local.get $c) (local.get $s))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $tail (i32.lt_s (local.get $j) (local.get $cols)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rowLoop (i32.lt_s (local.get $r) (local.get $rows)))))
    (i32.or (local.get $nanScalar) (v128.any_true (local.get $nan))))

  ;; n bytes → n float32 pixels, each byte v becoming v / 255 as parallel/gather.ts's table has it (v / 255 in
  ;; float64, rounded to float32), sixteen at a time. Here the division is float32's, which rounds the
  ;; exact quotient once; float64's rounds it twice, and the two roundings could only differ if v / 255
  ;; came within 2⁻⁵³ of a point halfway between two float32s — a fraction of denominator 255 never
  ;; does. The test compares all 256 values with the table. The bytes widen to non-negative int32s, so
  ;; the signed conversion (one instruction; the unsigned one is several) gives the same floats.
  (func (export "bytesToUnits") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $end16 i32) (local $b v128) (local $h v128) (local $d v128)
    (local.set $d (f32x4.splat (f32.const 255)))
    (local.set $end (i32.add (local.get $src) (local.get $n)))
    (local.set $end16 (i32.add (local.get $src) (i32.and (local.get $n) (i32.const -16))))
    (block $done16
      (loop $sixteen
        (br_if $done16 (i32.ge_u (local.get $src) (local.get $end16)))
        (local.set $b (v128.load (local.get $src)))
        (if (v128.any_true (local.get $b))
          (then
            (local.set $h (i16x8.extend_low_i8x16_u (local.get $b)))
            (v128.store offset=0 (local.get $dst)
              (f32x4.div (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $h))) (local.get $d)))
            (v128.store offset=16 (local.get $dst)
              (f32x4.div (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $h))) (local.get $d)))
            (local.set $h (i16x8.extend_high_i8x16_u (local.get $b)))
            (v128.store offset=32 (local.get $dst)
              (f32x4.div (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $h))) (local.get $d)))
            (v128.store offset=48 (local.get $dst)
              (f32x4.div (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $h))) (local.get $d))))
          (else
            ;; sixteen zero bytes (two fifths of the 16-byte pieces of a digit): sixteen +0s
            (v128.store offset=0 (local.get $dst) (local.get $b))
            (v128.store offset=16 (local.get $dst) (local.get $b))
            (v128.store offset=32 (local.get $dst) (local.get $b))
            (v128.store offset=48 (local.get $dst) (local.get $b))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (br $sixteen)))
    (block $done
      (loop $one
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (f32.store (local.get $dst) (f32.div (f32.convert_i32_u (i32.load8_u (local.get $src))) (f32.const 255)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br $one))))

  ;; layers/fast/FastConvolution.ts's transposeWithSums: dout ($batch, FN, P) at $g becomes doutT
  ;; (FN, $batch*P) at $doutT, and db[f] (FN floats at $db) the sum of filter f's values in the order n,
  ;; then p, each addition rounded to float32 as the JavaScript's Math.fround(s + v) is. Four filters go
  ;; side by side, as in the JavaScript: four independent chains of additions instead of one.
  (func (export "transposeWithSums")
    (param $g i32) (param $batch i32) (param $filters i32) (param $plane i32) (param $doutT i32) (param $db i32)
    (local $n i32) (local $f i32) (local $p i32) (local $src i32) (local $dst i32) (local $sum f32) (local $v v128)
    (local $columnsBytes i32) (local $planeBytes i32) (local $at i32)
    (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32)
    (local $va v128) (local $vb v128) (local $vc v128) (local $vd v128)
    (local.set $columnsBytes (i32.shl (i32.mul (local.get $batch) (local.get $plane)) (i32.const 2)))
    (local.set $planeBytes (i32.shl (local.get $plane) (i32.const 2)))
    (memory.fill (local.get $db) (i32.const 0) (i32.shl (local.get $filters) (i32.const 2)))
    (block $nDone
      (br_if $nDone (i32.le_s (local.get $batch) (i32.const 0)))
      (loop $nLoop
        (local.set $f (i32.const 0))
        ;; filters f…f+3 together
        (block $groupsDone
          (br_if $groupsDone (i32.gt_s (i32.add (local.get $f) (i32.const 4)) (local.get $filters)))
          (loop $groups
            (local.set $src (i32.add (local.get $g)
              (i32.shl (i32.mul (i32.add (i32.mul (local.get $n) (local.get $filters)) (local.get $f)) (local.get $plane)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $doutT)
              (i32.add (i32.mul (local.get $f) (local.get $columnsBytes)) (i32.shl (i32.mul (local.get $n) (local.get $plane)) (i32.const 2)))))
            (local.set $at (i32.add (local.get $db) (i32.shl (local.get $f) (i32.const 2))))
            (local.set $s0 (f32.load (local.get $at)))
            (local.set $s1 (f32.load offset=4 (local.get $at)))
            (local.set $s2 (f32.load offset=8 (local.get $at)))
            (local.set $s3 (f32.load offset=12 (local.get $at)))
            (local.set $p (i32.const 0))
            (block $quadsDone
              (br_if $quadsDone (i32.gt_s (i32.add (local.get $p) (i32.const 4)) (local.get $plane)))
              (loop $quads
                (local.set $va (v128.load (local.get $src)))
                (local.set $vb (v128.load (i32.add (local.get $src) (local.get $planeBytes))))
                (local.set $vc (v128.load (i32.add (local.get $src) (i32.shl (local.get $planeBytes) (i32.const 1)))))
                (local.set $vd (v128.load (i32.add (local.get $src) (i32.mul (local.get $planeBytes) (i32.const 3)))))
                (v128.store (local.get $dst) (local.get $va))
                (v128.store (i32.add (local.get $dst) (local.get $columnsBytes)) (local.get $vb))
                (v128.store (i32.add (local.get $dst) (i32.shl (local.get $columnsBytes) (i32.const 1))) (local.get $vc))
                (v128.store (i32.add (local.get $dst) (i32.mul (local.get $columnsBytes) (i32.const 3))) (local.get $vd))
                (local.set $s0 (f32.add (local.get $s0) (f32x4.extract_lane 0 (local.get $va))))
                (local.set $s1 (f32.add (local.get $s1) (f32x4.extract_lane 0 (local.get $vb))))
                (local.set $s2 (f32.add (local.get $s2) (f32x4.extract_lane 0 (local.get $vc))))
                (local.set $s3 (f32.add (local.get $s3) (f32x4.extract_lane 0 (local.get $vd))))
                (local.set $s0 (f32.add (local.get $s0) (f32x4.extract_lane 1 (local.get $va))))
                (local.set $s1 (f32.add (local.get $s1) (f32x4.extract_lane 1 (local.get $vb))))
                (local.set $s2 (f32.add (local.get $s2) (f32x4.extract_lane 1 (local.get $vc))))
                (local.set $s3 (f32.add (local.get $s3) (f32x4.extract_lane 1 (local.get $vd))))
                (local.set $s0 (f32.add (local.get $s0) (f32x4.extract_lane 2 (local.get $va))))
                (local.set $s1 (f32.add (local.get $s1) (f32x4.extract_lane 2 (local.get $vb))))
                (local.set $s2 (f32.add (local.get $s2) (f32x4.extract_lane 2 (local.get $vc))))
                (local.set $s3 (f32.add (local.get $s3) (f32x4.extract_lane 2 (local.get $vd))))
                (local.set $s0 (f32.add (local.get $s0) (f32x4.extract_lane 3 (local.get $va))))
                (local.set $s1 (f32.add (local.get $s1) (f32x4.extract_lane 3 (local.get $vb))))
                (local.set $s2 (f32.add (local.get $s2) (f32x4.extract_lane 3 (local.get $vc))))
                (local.set $s3 (f32.add (local.get $s3) (f32x4.extract_lane 3 (local.get $vd))))
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br_if $quads (i32.le_s (i32.add (local.get $p) (i32.const 4)) (local.get $plane)))))
            (block $onesDone
              (br_if $onesDone (i32.ge_s (local.get $p) (local.get $plane)))
              (loop $ones
                (local.set $s0 (f32.add (local.get $s0) (f32.load (local.get $src))))
                (f32.store (local.get $dst) (f32.load (local.get $src)))
                (local.set $s1 (f32.add (local.get $s1) (f32.load (i32.add (local.get $src) (local.get $planeBytes)))))
                (f32.store (i32.add (local.get $dst) (local.get $columnsBytes)) (f32.load (i32.add (local.get $src) (local.get $planeBytes))))
                (local.set $s2 (f32.add (local.get $s2) (f32.load (i32.add (local.get $src) (i32.shl (local.get $planeBytes) (i32.const 1))))))
                (f32.store (i32.add (local.get $dst) (i32.shl (local.get $columnsBytes) (i32.const 1)))
                  (f32.load (i32.add (local.get $src) (i32.shl (local.get $planeBytes) (i32.const 1)))))
                (local.set $s3 (f32.add (local.get $s3) (f32.load (i32.add (local.get $src) (i32.mul (local.get $planeBytes) (i32.const 3))))))
                (f32.store (i32.add (local.get $dst) (i32.mul (local.get $columnsBytes) (i32.const 3)))
                  (f32.load (i32.add (local.get $src) (i32.mul (local.get $planeBytes) (i32.const 3)))))
                (local.set $src (i32.add (local.get $src) (i32.const 4)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br_if $ones (i32.lt_s (local.get $p) (local.get $plane)))))
            (f32.store (local.get $at) (local.get $s0))
            (f32.store offset=4 (local.get $at) (local.get $s1))
            (f32.store offset=8 (local.get $at) (local.get $s2))
            (f32.store offset=12 (local.get $at) (local.get $s3))
            (local.set $f (i32.add (local.get $f) (i32.const 4)))
            (br_if $groups (i32.le_s (i32.add (local.get $f) (i32.const 4)) (local.get $filters)))))
        ;; the remaining filters one at a time
        (block $fDone
          (br_if $fDone (i32.ge_s (local.get $f) (local.get $filters)))
          (loop $fLoop
            (local.set $src (i32.add (local.get $g)
              (i32.shl (i32.mul (i32.add (i32.mul (local.get $n) (local.get $filters)) (local.get $f)) (local.get $plane)) (i32.const 2))))
            (local.set $dst (i32.add (local.get $doutT)
              (i32.add (i32.mul (local.get $f) (local.get $columnsBytes)) (i32.shl (i32.mul (local.get $n) (local.get $plane)) (i32.const 2)))))
            (local.set $at (i32.add (local.get $db) (i32.shl (local.get $f) (i32.const 2))))
            (local.set $sum (f32.load (local.get $at)))
            (local.set $p (i32.const 0))
            (block $onesDone1
              (br_if $onesDone1 (i32.ge_s (local.get $p) (local.get $plane)))
              (loop $ones1
                (f32.store (local.get $dst) (f32.load (local.get $src)))
                (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $src))))
                (local.set $src (i32.add (local.get $src) (i32.const 4)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br_if $ones1 (i32.lt_s (local.get $p) (local.get $plane)))))
            (f32.store (local.get $at) (local.get $sum))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br_if $fLoop (i32.lt_s (local.get $f) (local.get $filters)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $nLoop (i32.lt_s (local.get $n) (local.get $batch))))))

  ;; Training's convolution → ReLU → 2×2 max pooling (stride 2; OH and OW even), from the product W·colT
  ;; (FN, $count*OH*OW) at $product: each value v + b[f] goes through the ReLU (v <= 0 gives +0, a NaN
  ;; passes), and each 2x2 window of the results keeps its first strictly greater value, scanned (0,0)
  ;; (0,1) (1,0) (1,1) as the pooling layer scans it. Writes the maxima as ($count, FN, OH/2, OW/2) at
  ;; $dst and, at $argmax, each winner's index into the ReLU's output of the whole batch (N, FN, OH, OW),
  ;; these $count samples being samples $first, $first + 1, … of it -- the numbers the three layers give
  ;; one after the other. Returns 1 when a NaN came up (the caller then runs the layers one by one), else 0.
  (func (export "convReluPoolTrain")
    (param $product i32) (param $filters i32) (param $count i32) (param $outH i32) (param $outW i32)
    (param $bias i32) (param $dst i32) (param $argmax i32) (param $first i32) (result i32)
    (local $n i32) (local $f i32) (local $plane i32) (local $columnsBytes i32) (local $src i32)
    (local $py i32) (local $px i32) (local $r0 i32) (local $r1 i32) (local $base i32) (local $at i32)
    (local $b f32) (local $y f32) (local $best f32) (local $bestAt i32) (local $nan i32)
    (local $bv v128) (local $e0 v128) (local $o0 v128) (local $e1 v128) (local $o1 v128)
    (local $bestV v128) (local $idx v128) (local $m v128) (local $nanV v128) (local $down v128) (local $downRight v128)
    (local.set $down (i32x4.splat (local.get $outW)))
    (local.set $downRight (i32x4.splat (i32.add (local.get $outW) (i32.const 1))))
    (local.set $plane (i32.mul (local.get $outH) (local.get $outW)))
    (local.set $columnsBytes (i32.shl (i32.mul (local.get $count) (local.get $plane)) (i32.const 2)))
    (loop $nLoop
      (local.set $f (i32.const 0))
      (loop $fLoop
        (local.set $b (f32.load (i32.add (local.get $bias) (i32.shl (local.get $f) (i32.const 2)))))
        (local.set $bv (f32x4.splat (local.get $b)))
        (local.set $src (i32.add (local.get $product)
          (i32.add (i32.mul (local.get $f) (local.get $columnsBytes)) (i32.shl (i32.mul (local.get $n) (local.get $plane)) (i32.const 2)))))
        ;; index of this plane's first value in the ReLU's output (N, FN, OH, OW)
        (local.set $base (i32.mul (i32.add (i32.mul (i32.add (local.get $first) (local.get $n)) (local.get $filters)) (local.get $f)) (local.get $plane)))
        (local.set $py (i32.const 0))
        (loop $pyLoop
          (local.set $r0 (i32.add (local.get $src) (i32.shl (i32.mul (i32.shl (local.get $py) (i32.const 1)) (local.get $outW)) (i32.const 2))))
          (local.set $r1 (i32.add (local.get $r0) (i32.shl (local.get $outW) (i32.const 2))))
          (local.set $at (i32.add (local.get $base) (i32.mul (i32.shl (local.get $py) (i32.const 1)) (local.get $outW))))
          (local.set $px (i32.const 0))
          ;; four windows at a time: eight columns of two rows, split into the windows' four corners
          (block $quadsDone
            (br_if $quadsDone (i32.gt_s (i32.add (local.get $px) (i32.const 8)) (local.get $outW)))
            (loop $quads
              (local.set $e0 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (v128.load (local.get $r0)) (v128.load offset=16 (local.get $r0))))
              (local.set $o0 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (v128.load (local.get $r0)) (v128.load offset=16 (local.get $r0))))
              (local.set $e1 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (v128.load (local.get $r1)) (v128.load offset=16 (local.get $r1))))
              (local.set $o1 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (v128.load (local.get $r1)) (v128.load offset=16 (local.get $r1))))
              ;; bias, then the ReLU: the bits of every value <= 0 cleared (+0), a NaN kept (and noted)
              (local.set $e0 (f32x4.add (local.get $e0) (local.get $bv)))
              (local.set $e0 (v128.andnot (local.get $e0) (f32x4.le (local.get $e0) (v128.const i32x4 0 0 0 0))))
              (local.set $o0 (f32x4.add (local.get $o0) (local.get $bv)))
              (local.set $o0 (v128.andnot (local.get $o0) (f32x4.le (local.get $o0) (v128.const i32x4 0 0 0 0))))
              (local.set $e1 (f32x4.add (local.get $e1) (local.get $bv)))
              (local.set $e1 (v128.andnot (local.get $e1) (f32x4.le (local.get $e1) (v128.const i32x4 0 0 0 0))))
              (local.set $o1 (f32x4.add (local.get $o1) (local.get $bv)))
              (local.set $o1 (v128.andnot (local.get $o1) (f32x4.le (local.get $o1) (v128.const i32x4 0 0 0 0))))
              (local.set $nanV (v128.or (local.get $nanV)
                (v128.or (v128.or (f32x4.ne (local.get $e0) (local.get $e0)) (f32x4.ne (local.get $o0) (local.get $o0)))
                         (v128.or (f32x4.ne (local.get $e1) (local.get $e1)) (f32x4.ne (local.get $o1) (local.get $o1))))))
              ;; the first strictly greater wins, corner by corner: offset 0, 1, OW, OW + 1 from the top-left
              (local.set $bestV (local.get $e0))
              (local.set $m (f32x4.gt (local.get $o0) (local.get $bestV)))
              (local.set $bestV (v128.bitselect (local.get $o0) (local.get $bestV) (local.get $m)))
              (local.set $idx (v128.and (local.get $m) (v128.const i32x4 1 1 1 1)))
              (local.set $m (f32x4.gt (local.get $e1) (local.get $bestV)))
              (local.set $bestV (v128.bitselect (local.get $e1) (local.get $bestV) (local.get $m)))
              (local.set $idx (v128.bitselect (local.get $down) (local.get $idx) (local.get $m)))
              (local.set $m (f32x4.gt (local.get $o1) (local.get $bestV)))
              (local.set $bestV (v128.bitselect (local.get $o1) (local.get $bestV) (local.get $m)))
              (local.set $idx (v128.bitselect (local.get $downRight) (local.get $idx) (local.get $m)))
              (v128.store (local.get $dst) (local.get $bestV))
              (v128.store (local.get $argmax)
                (i32x4.add (local.get $idx) (i32x4.add (i32x4.splat (local.get $at)) (v128.const i32x4 0 2 4 6))))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $argmax (i32.add (local.get $argmax) (i32.const 16)))
              (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
              (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
              (local.set $at (i32.add (local.get $at) (i32.const 8)))
              (local.set $px (i32.add (local.get $px) (i32.const 8)))
              (br_if $quads (i32.le_s (i32.add (local.get $px) (i32.const 8)) (local.get $outW)))))
          (block $pxDone
          (br_if $pxDone (i32.ge_s (local.get $px) (local.get $outW)))
          (loop $pxLoop
            ;; y = v <= 0 ? +0 : v for each of the four, the first strictly greater winning
            (local.set $y (f32.add (f32.load (local.get $r0)) (local.get $b)))
            (local.set $best (select (f32.const 0) (local.get $y) (f32.le (local.get $y) (f32.const 0))))
            (local.set $nan (i32.or (local.get $nan) (f32.ne (local.get $y) (local.get $y))))
            (local.set $bestAt (local.get $at))
            (local.set $y (f32.add (f32.load offset=4 (local.get $r0)) (local.get $b)))
            (local.set $y (select (f32.const 0) (local.get $y) (f32.le (local.get $y) (f32.const 0))))
            (local.set $nan (i32.or (local.get $nan) (f32.ne (local.get $y) (local.get $y))))
            (if (f32.gt (local.get $y) (local.get $best))
              (then (local.set $best (local.get $y)) (local.set $bestAt (i32.add (local.get $at) (i32.const 1)))))
            (local.set $y (f32.add (f32.load (local.get $r1)) (local.get $b)))
            (local.set $y (select (f32.const 0) (local.get $y) (f32.le (local.get $y) (f32.const 0))))
            (local.set $nan (i32.or (local.get $nan) (f32.ne (local.get $y) (local.get $y))))
            (if (f32.gt (local.get $y) (local.get $best))
              (then (local.set $best (local.get $y)) (local.set $bestAt (i32.add (local.get $at) (local.get $outW)))))
            (local.set $y (f32.add (f32.load offset=4 (local.get $r1)) (local.get $b)))
            (local.set $y (select (f32.const 0) (local.get $y) (f32.le (local.get $y) (f32.const 0))))
            (local.set $nan (i32.or (local.get $nan) (f32.ne (local.get $y) (local.get $y))))
            (if (f32.gt (local.get $y) (local.get $best))
              (then (local.set $best (local.get $y)) (local.set $bestAt (i32.add (i32.add (local.get $at) (local.get $outW)) (i32.const 1)))))
            (f32.store (local.get $dst) (local.get $best))
            (i32.store (local.get $argmax) (local.get $bestAt))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $argmax (i32.add (local.get $argmax) (i32.const 4)))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 2)))
            (local.set $px (i32.add (local.get $px) (i32.const 2)))
            (br_if $pxLoop (i32.lt_s (local.get $px) (local.get $outW)))))
          (local.set $py (i32.add (local.get $py) (i32.const 1)))
          (br_if $pyLoop (i32.lt_s (i32.shl (local.get $py) (i32.const 1)) (local.get $outH))))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br_if $fLoop (i32.lt_s (local.get $f) (local.get $filters))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $nLoop (i32.lt_s (local.get $n) (local.get $count))))
    (i32.or (local.get $nan) (v128.any_true (local.get $nanV))))

  ;; The backward of that ReLU and pooling together: d ($n floats at $d, the ReLU input's gradient) is
  ;; +0 everywhere except at each window's winner whose value is not +0, which gets 0 + g[o] -- what the
  ;; pooling's backward (0 + g at the winner) and then the ReLU's (blocked where its output is +0) give.
  (func (export "reluPoolBackward") (param $g i32) (param $pooled i32) (param $argmax i32) (param $count i32) (param $d i32) (param $n i32)
    (local $end i32)
    (memory.fill (local.get $d) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
        (if (i32.load (local.get $pooled))
          (then
            (f32.store (i32.add (local.get $d) (i32.shl (i32.load (local.get $argmax)) (i32.const 2)))
              (f32.add (f32.const 0) (f32.load (local.get $g))))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $pooled (i32.add (local.get $pooled) (i32.const 4)))
        (local.set $argmax (i32.add (local.get $argmax) (i32.const 4)))
        (br $each))))

  ;; dW and db of the convolution under that ReLU and pooling, straight from the winners, for stride 1
  ;; without padding: what reluPoolBackward, im2col, transposeWithSums and `gemm` (dW = doutT·col) give,
  ;; bit for bit, without the three quarters of dout that are zeros (and the ReLU's zeros besides).
  ;; Only a window's winner whose pooled value is not +0 has a gradient, d = 0 + g; dW[f] adds d times
  ;; that winner's window of x. `gemm` sums over the columns (n, y, x) in order, in slices of $KC
  ;; columns: each slice's sum from zero, then added to what the earlier slices gave. The zeros it adds
  ;; change no sum (x is finite, checked first), so visiting only the winners, in column order, with the
  ;; same slices and the same multiply-adds (relaxed_madd in the fused build) gives the same numbers.
  ;; db[f] is transposeWithSums' sum: the winners' d in that order.
  ;; Image by image, filter by filter, as the pooled values lie in memory: $winnerRecords lists the
  ;; plane's winners in column order, then one loop adds them to the filter's running sums -- the
  ;; window's rows in registers when it is the book's 5 rows (C·KH = 5), else through memory.
  ;; Each row of the window (KW <= 8) is read as two f32x4 and summed 8 lanes wide: filter f's slice at
  ;; $partial, its total at $sum (C·KH·8 floats per filter, each). $records holds $winnerRecords' lists
  ;; and tables, then two words per filter; x, g, pooled and argmax need 32 readable bytes past their
  ;; ends. Returns 1 (nothing written) when x holds an infinity or NaN: then the caller goes the long
  ;; way, where 0 times those is NaN.
  (func (export "winnersWeightGradient")
    (param $x i32) (param $channels i32) (param $height i32) (param $width i32) (param $kernelH i32) (param $kernelW i32)
    (param $outH i32) (param $outW i32) (param $batch i32) (param $filters i32)
    (param $g i32) (param $pooled i32) (param $argmax i32) (param $KC i32)
    (param $partial i32) (param $sum i32) (param $records i32) (param $dW i32) (param $db i32) (result i32)
    (local $n i32) (local $f i32) (local $rows i32) (local $rowBytes i32) (local $planeBytes i32) (local $filterBytes i32)
    (local $plane i32) (local $pw i32) (local $pairs i32) (local $imageBytes i32) (local $L i32) (local $sideL i32)
    (local $cols i32) (local $ds i32) (local $side i32) (local $table i32) (local $state i32) (local $xImage i32) (local $pi i32)
    (local $at i32) (local $end i32) (local $col i32) (local $blockEnd i32) (local $count i32) (local $pf i32) (local $sf i32)
    (local $src i32) (local $r i32) (local $pp i32) (local $ky i32) (local $c i32) (local $k i32)
    (local $d f32) (local $s f32)
    (local $dv v128) (local $v v128) (local $v1 v128) (local $q0 v128) (local $q1 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128)
    (local $p5 v128) (local $p6 v128) (local $p7 v128) (local $p8 v128) (local $p9 v128)
    (if (i32.eqz (call $allFinite (local.get $x)
        (i32.mul (i32.mul (local.get $batch) (local.get $channels)) (i32.mul (local.get $height) (local.get $width)))))
      (then (return (i32.const 1))))
    (local.set $rows (i32.mul (local.get $channels) (local.get $kernelH)))
    (local.set $filterBytes (i32.shl (local.get $rows) (i32.const 5)))
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $planeBytes (i32.mul (local.get $rowBytes) (local.get $height)))
    (local.set $imageBytes (i32.mul (local.get $planeBytes) (local.get $channels)))
    (local.set $plane (i32.mul (local.get $outH) (local.get $outW)))
    (local.set $pw (i32.shr_u (local.get $outW) (i32.const 1)))
    (local.set $pairs (i32.shr_u (local.get $outH) (i32.const 1)))
    ;; the lists: room for a plane's winners and a side list copied whole after the last (L entries each)
    (local.set $L (i32.add (i32.mul (local.get $pairs) (local.get $pw)) (i32.add (local.get $pw) (i32.const 16))))
    (local.set $cols (i32.add (local.get $records) (i32.shl (local.get $L) (i32.const 2))))
    (local.set $ds (i32.add (local.get $records) (i32.shl (local.get $L) (i32.const 3))))
    (local.set $sideL (i32.add (local.get $pw) (i32.const 8)))
    (local.set $side (i32.add (local.get $records) (i32.mul (local.get $L) (i32.const 12))))
    (local.set $table (i32.add (local.get $side) (i32.mul (local.get $sideL) (i32.const 12))))
    (call $packingTable (local.get $table))
    ;; per filter: db's running sum (f32), then where its current slice of columns ends (i32)
    (local.set $state (i32.add (local.get $table) (i32.const 256)))
    (memory.fill (local.get $partial) (i32.const 0) (i32.mul (local.get $filters) (local.get $filterBytes)))
    (memory.fill (local.get $sum) (i32.const 0) (i32.mul (local.get $filters) (local.get $filterBytes)))
    (loop $init
      (f32.store (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3))) (f32.const 0))
      (i32.store offset=4 (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3))) (local.get $KC))
      (local.set $f (i32.add (local.get $f) (i32.const 1)))
      (br_if $init (i32.lt_u (local.get $f) (local.get $filters))))
    (loop $nLoop
      (local.set $xImage (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $imageBytes))))
      (local.set $f (i32.const 0))
      (loop $fLoop
        (local.set $pi (i32.add (i32.mul (local.get $n) (local.get $filters)) (local.get $f)))
        (local.set $count (call $winnerRecords (local.get $g) (local.get $pooled) (local.get $argmax)
          (i32.shl (i32.mul (local.get $pi) (i32.mul (local.get $pairs) (local.get $pw))) (i32.const 2))
          (i32.mul (local.get $pi) (local.get $plane)) (i32.mul (local.get $n) (local.get $plane))
          (local.get $xImage) (i32.sub (local.get $width) (local.get $outW)) (local.get $outW) (local.get $pairs)
          (local.get $records) (local.get $L) (local.get $side) (local.get $sideL) (local.get $table)))
        (local.set $at (local.get $records))
        (local.set $end (i32.add (local.get $records) (i32.shl (local.get $count) (i32.const 2))))
        (local.set $s (f32.load (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3)))))
        (local.set $blockEnd (i32.load offset=4 (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3)))))
        (local.set $pf (i32.add (local.get $partial) (i32.mul (local.get $f) (local.get $filterBytes))))
        (local.set $sf (i32.add (local.get $sum) (i32.mul (local.get $f) (local.get $filterBytes))))
        (if (i32.eq (local.get $rows) (i32.const 5))
          (then
            (local.set $p0 (v128.load offset=0 (local.get $pf)))
            (local.set $p1 (v128.load offset=16 (local.get $pf)))
            (local.set $p2 (v128.load offset=32 (local.get $pf)))
            (local.set $p3 (v128.load offset=48 (local.get $pf)))
            (local.set $p4 (v128.load offset=64 (local.get $pf)))
            (local.set $p5 (v128.load offset=80 (local.get $pf)))
            (local.set $p6 (v128.load offset=96 (local.get $pf)))
            (local.set $p7 (v128.load offset=112 (local.get $pf)))
            (local.set $p8 (v128.load offset=128 (local.get $pf)))
            (local.set $p9 (v128.load offset=144 (local.get $pf)))
            (block $fiveDone
              (loop $five
                (br_if $fiveDone (i32.ge_u (local.get $at) (local.get $end)))
                (local.set $col (i32.load (i32.add (local.get $at) (i32.shl (local.get $L) (i32.const 2)))))
                (if (i32.ge_s (local.get $col) (local.get $blockEnd))
                  (then
                    ;; a new slice of columns: the last one's sum joins the total, as gemm's C
                    (v128.store offset=0 (local.get $sf) (f32x4.add (local.get $p0) (v128.load offset=0 (local.get $sf))))
                    (v128.store offset=16 (local.get $sf) (f32x4.add (local.get $p1) (v128.load offset=16 (local.get $sf))))
                    (v128.store offset=32 (local.get $sf) (f32x4.add (local.get $p2) (v128.load offset=32 (local.get $sf))))
                    (v128.store offset=48 (local.get $sf) (f32x4.add (local.get $p3) (v128.load offset=48 (local.get $sf))))
                    (v128.store offset=64 (local.get $sf) (f32x4.add (local.get $p4) (v128.load offset=64 (local.get $sf))))
                    (v128.store offset=80 (local.get $sf) (f32x4.add (local.get $p5) (v128.load offset=80 (local.get $sf))))
                    (v128.store offset=96 (local.get $sf) (f32x4.add (local.get $p6) (v128.load offset=96 (local.get $sf))))
                    (v128.store offset=112 (local.get $sf) (f32x4.add (local.get $p7) (v128.load offset=112 (local.get $sf))))
                    (v128.store offset=128 (local.get $sf) (f32x4.add (local.get $p8) (v128.load offset=128 (local.get $sf))))
                    (v128.store offset=144 (local.get $sf) (f32x4.add (local.get $p9) (v128.load offset=144 (local.get $sf))))
                    (local.set $p0 (v128.const i32x4 0 0 0 0))
                    (local.set $p1 (v128.const i32x4 0 0 0 0))
                    (local.set $p2 (v128.const i32x4 0 0 0 0))
                    (local.set $p3 (v128.const i32x4 0 0 0 0))
                    (local.set $p4 (v128.const i32x4 0 0 0 0))
                    (local.set $p5 (v128.const i32x4 0 0 0 0))
                    (local.set $p6 (v128.const i32x4 0 0 0 0))
                    (local.set $p7 (v128.const i32x4 0 0 0 0))
                    (local.set $p8 (v128.const i32x4 0 0 0 0))
                    (local.set $p9 (v128.const i32x4 0 0 0 0))
                    (local.set $blockEnd (i32.mul (i32.add (i32.div_u (local.get $col) (local.get $KC)) (i32.const 1)) (local.get $KC)))))
                (local.set $d (f32.load (i32.add (local.get $at) (i32.shl (local.get $L) (i32.const 3)))))
                (local.set $s (f32.add (local.get $s) (local.get $d)))
                (local.set $dv (f32x4.splat (local.get $d)))
                (local.set $src (i32.load (local.get $at)))
                (local.set $v (v128.load offset=0 (local.get $src)))
                (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $v (v128.load offset=16 (local.get $src)))
                (local.set $p1 (f32x4.add (local.get $p1) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
                (local.set $v (v128.load offset=0 (local.get $src)))
                (local.set $p2 (f32x4.add (local.get $p2) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $v (v128.load offset=16 (local.get $src)))
                (local.set $p3 (f32x4.add (local.get $p3) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
                (local.set $v (v128.load offset=0 (local.get $src)))
                (local.set $p4 (f32x4.add (local.get $p4) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $v (v128.load offset=16 (local.get $src)))
                (local.set $p5 (f32x4.add (local.get $p5) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
                (local.set $v (v128.load offset=0 (local.get $src)))
                (local.set $p6 (f32x4.add (local.get $p6) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $v (v128.load offset=16 (local.get $src)))
                (local.set $p7 (f32x4.add (local.get $p7) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
                (local.set $v (v128.load offset=0 (local.get $src)))
                (local.set $p8 (f32x4.add (local.get $p8) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $v (v128.load offset=16 (local.get $src)))
                (local.set $p9 (f32x4.add (local.get $p9) (f32x4.mul (local.get $dv) (local.get $v))))
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (br $five)))
            (v128.store offset=0 (local.get $pf) (local.get $p0))
            (v128.store offset=16 (local.get $pf) (local.get $p1))
            (v128.store offset=32 (local.get $pf) (local.get $p2))
            (v128.store offset=48 (local.get $pf) (local.get $p3))
            (v128.store offset=64 (local.get $pf) (local.get $p4))
            (v128.store offset=80 (local.get $pf) (local.get $p5))
            (v128.store offset=96 (local.get $pf) (local.get $p6))
            (v128.store offset=112 (local.get $pf) (local.get $p7))
            (v128.store offset=128 (local.get $pf) (local.get $p8))
            (v128.store offset=144 (local.get $pf) (local.get $p9))
          )
          (else
            (block $listDone
              (loop $listLoop
                (br_if $listDone (i32.ge_u (local.get $at) (local.get $end)))
                (local.set $col (i32.load (i32.add (local.get $at) (i32.shl (local.get $L) (i32.const 2)))))
                (if (i32.ge_s (local.get $col) (local.get $blockEnd))
                  (then
                    (call $addPartial (local.get $pf) (local.get $sf) (local.get $rows))
                    (local.set $blockEnd (i32.mul (i32.add (i32.div_u (local.get $col) (local.get $KC)) (i32.const 1)) (local.get $KC)))))
                (local.set $d (f32.load (i32.add (local.get $at) (i32.shl (local.get $L) (i32.const 3)))))
                (local.set $s (f32.add (local.get $s) (local.get $d)))
                (local.set $dv (f32x4.splat (local.get $d)))
                (local.set $src (i32.load (local.get $at)))
                (local.set $pp (local.get $pf))
                (local.set $c (i32.const 0))
                (loop $cLoop
                  (local.set $ky (i32.const 0))
                  (local.set $k (local.get $src))
                  (loop $kyLoop
                    (local.set $v (v128.load (local.get $k)))
                    (local.set $v1 (v128.load offset=16 (local.get $k)))
                    (local.set $q0 (v128.load (local.get $pp)))
                    (local.set $q1 (v128.load offset=16 (local.get $pp)))
                    (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (local.get $dv) (local.get $v))))
                    (local.set $q1 (f32x4.add (local.get $q1) (f32x4.mul (local.get $dv) (local.get $v1))))
                    (v128.store (local.get $pp) (local.get $q0))
                    (v128.store offset=16 (local.get $pp) (local.get $q1))
                    (local.set $pp (i32.add (local.get $pp) (i32.const 32)))
                    (local.set $k (i32.add (local.get $k) (local.get $rowBytes)))
                    (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
                    (br_if $kyLoop (i32.lt_u (local.get $ky) (local.get $kernelH))))
                  (local.set $src (i32.add (local.get $src) (local.get $planeBytes)))
                  (local.set $c (i32.add (local.get $c) (i32.const 1)))
                  (br_if $cLoop (i32.lt_u (local.get $c) (local.get $channels))))
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (br $listLoop)))))
        (f32.store (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3))) (local.get $s))
        (i32.store offset=4 (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3))) (local.get $blockEnd))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br_if $fLoop (i32.lt_u (local.get $f) (local.get $filters))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $nLoop (i32.lt_u (local.get $n) (local.get $batch))))
    ;; each filter's last slice joins its total; row r's first KW lanes are dW[f, r·KW ..]
    (local.set $f (i32.const 0))
    (loop $fOut
      (local.set $pf (i32.add (local.get $partial) (i32.mul (local.get $f) (local.get $filterBytes))))
      (local.set $sf (i32.add (local.get $sum) (i32.mul (local.get $f) (local.get $filterBytes))))
      (call $addPartial (local.get $pf) (local.get $sf) (local.get $rows))
      (local.set $r (i32.const 0))
      (loop $out
        (memory.copy
          (i32.add (local.get $dW) (i32.shl (i32.mul (i32.add (i32.mul (local.get $f) (local.get $rows)) (local.get $r)) (local.get $kernelW)) (i32.const 2)))
          (i32.add (local.get $sf) (i32.shl (local.get $r) (i32.const 5)))
          (i32.shl (local.get $kernelW) (i32.const 2)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $out (i32.lt_u (local.get $r) (local.get $rows))))
      (f32.store (i32.add (local.get $db) (i32.shl (local.get $f) (i32.const 2)))
        (f32.load (i32.add (local.get $state) (i32.shl (local.get $f) (i32.const 3)))))
      (local.set $f (i32.add (local.get $f) (i32.const 1)))
      (br_if $fOut (i32.lt_u (local.get $f) (local.get $filters))))
    (i32.const 0))

  ;; $sum += $partial (sum = partial + sum, as gemm adds a slice's tile to C), then $partial = 0; $rows rows of 8 floats.
  (func $addPartial (param $partial i32) (param $sum i32) (param $rows i32)
    (local $r i32) (local $pp i32)
    (loop $rowLoop
      (local.set $pp (i32.shl (local.get $r) (i32.const 5)))
      (v128.store (i32.add (local.get $sum) (local.get $pp))
        (f32x4.add (v128.load (i32.add (local.get $partial) (local.get $pp))) (v128.load (i32.add (local.get $sum) (local.get $pp)))))
      (v128.store offset=16 (i32.add (local.get $sum) (local.get $pp))
        (f32x4.add (v128.load offset=16 (i32.add (local.get $partial) (local.get $pp))) (v128.load offset=16 (i32.add (local.get $sum) (local.get $pp)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rowLoop (i32.lt_u (local.get $r) (local.get $rows))))
    (memory.fill (local.get $partial) (i32.const 0) (i32.shl (local.get $rows) (i32.const 5))))

  ;; One plane's winners with a gradient (image n, filter f: the pooled values from byte $o, the conv
  ;; output's from index $base), in column order (y, x), as three lists from $records on (L entries
  ;; each): the byte address of the winner's window in x (at $records), its column $column + y·OW + x (at
  ;; + 4L) and d = 0 + g (at + 8L); returns how many. In a pair of conv rows a window's winner sits in
  ;; the first or the second row. Four windows at a time: their winners of the first row are packed to
  ;; the front of a vector (i8x16.swizzle through $table, by the 4-bit mask of which lanes go) and stored
  ;; where that row's list goes on; those of the second row likewise to the side lists ($sideL entries
  ;; each), appended once the pair is done. Nothing branches on the data.
  (func $winnerRecords
    (param $g i32) (param $pooled i32) (param $argmax i32) (param $o i32) (param $base i32) (param $column i32)
    (param $xImage i32) (param $shift i32) (param $outW i32) (param $pairs i32)
    (param $records i32) (param $L i32) (param $side i32) (param $sideL i32) (param $table i32) (result i32)
    (local $py i32) (local $oEnd i32) (local $q i32) (local $cols i32) (local $ds i32) (local $count i32) (local $sideCount i32)
    (local $mask i32) (local $i i32) (local $j i32) (local $pwBytes i32)
    (local $a v128) (local $alive v128) (local $top v128) (local $p v128) (local $col v128) (local $src v128) (local $d v128)
    (local $shiftV v128) (local $tab v128)
    (local.set $cols (i32.add (local.get $records) (i32.shl (local.get $L) (i32.const 2))))
    (local.set $ds (i32.add (local.get $records) (i32.shl (local.get $L) (i32.const 3))))
    (local.set $pwBytes (i32.shl (i32.shr_u (local.get $outW) (i32.const 1)) (i32.const 2)))
    ;; output row y, column p − y·OW is x's pixel y·W + (p − y·OW) = p + y·(W − OW)
    (local.set $shiftV (i32x4.splat (local.get $shift)))
    (loop $pyLoop
      (local.set $oEnd (i32.add (local.get $o) (local.get $pwBytes)))
      (local.set $sideCount (i32.const 0))
      (local.set $q (local.get $o))
      (loop $groupLoop
        (local.set $a (v128.load (i32.add (local.get $argmax) (local.get $q))))
        ;; a winner with a gradient, among the pair's windows (the last four may run past them)
        (local.set $alive (v128.and
          (i32x4.ne (v128.load (i32.add (local.get $pooled) (local.get $q))) (v128.const i32x4 0 0 0 0))
          (i32x4.lt_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.shr_s (i32.sub (local.get $oEnd) (local.get $q)) (i32.const 2))))))
        (local.set $top (i32x4.lt_s (local.get $a)
          (i32x4.splat (i32.add (local.get $base) (i32.mul (i32.add (i32.shl (local.get $py) (i32.const 1)) (i32.const 1)) (local.get $outW))))))
        (local.set $p (i32x4.sub (local.get $a) (i32x4.splat (local.get $base))))
        (local.set $col (i32x4.add (local.get $p) (i32x4.splat (local.get $column))))
        ;; y = 2py + 1, less 1 in the first row (top is −1 there)
        (local.set $src (i32x4.add (i32x4.splat (local.get $xImage))
          (i32x4.shl
            (i32x4.add (local.get $p)
              (i32x4.mul (i32x4.add (i32x4.splat (i32.add (i32.shl (local.get $py) (i32.const 1)) (i32.const 1))) (local.get $top)) (local.get $shiftV)))
            (i32.const 2))))
        (local.set $d (f32x4.add (v128.const f32x4 0 0 0 0) (v128.load (i32.add (local.get $g) (local.get $q)))))
        ;; the first row's winners onto the lists
        (local.set $mask (i32x4.bitmask (v128.and (local.get $alive) (local.get $top))))
        (local.set $tab (v128.load (i32.add (local.get $table) (i32.shl (local.get $mask) (i32.const 4)))))
        (local.set $i (i32.shl (local.get $count) (i32.const 2)))
        (v128.store (i32.add (local.get $records) (local.get $i)) (i8x16.swizzle (local.get $src) (local.get $tab)))
        (v128.store (i32.add (local.get $cols) (local.get $i)) (i8x16.swizzle (local.get $col) (local.get $tab)))
        (v128.store (i32.add (local.get $ds) (local.get $i)) (i8x16.swizzle (local.get $d) (local.get $tab)))
        (local.set $count (i32.add (local.get $count) (i32.popcnt (local.get $mask))))
        ;; the second row's onto the side lists
        (local.set $mask (i32x4.bitmask (v128.andnot (local.get $alive) (local.get $top))))
        (local.set $tab (v128.load (i32.add (local.get $table) (i32.shl (local.get $mask) (i32.const 4)))))
        (local.set $i (i32.add (local.get $side) (i32.shl (local.get $sideCount) (i32.const 2))))
        (v128.store (local.get $i) (i8x16.swizzle (local.get $src) (local.get $tab)))
        (v128.store (i32.add (local.get $i) (i32.shl (local.get $sideL) (i32.const 2))) (i8x16.swizzle (local.get $col) (local.get $tab)))
        (v128.store (i32.add (local.get $i) (i32.shl (local.get $sideL) (i32.const 3))) (i8x16.swizzle (local.get $d) (local.get $tab)))
        (local.set $sideCount (i32.add (local.get $sideCount) (i32.popcnt (local.get $mask))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br_if $groupLoop (i32.lt_u (local.get $q) (local.get $oEnd))))
      ;; the second row's winners after the first's: the side lists copied whole, four entries at a time
      ;; for as many fours as the pair has windows (what lies past their count is overwritten by the next
      ;; pair, or lies past the end; a call to memory.copy per list cost more than the copying)
      (local.set $i (i32.add (local.get $records) (i32.shl (local.get $count) (i32.const 2))))
      (local.set $j (local.get $side))
      (local.set $q (i32.add (local.get $side) (local.get $pwBytes)))
      (loop $copy
        (v128.store (local.get $i) (v128.load (local.get $j)))
        (v128.store (i32.add (local.get $i) (i32.shl (local.get $L) (i32.const 2))) (v128.load (i32.add (local.get $j) (i32.shl (local.get $sideL) (i32.const 2)))))
        (v128.store (i32.add (local.get $i) (i32.shl (local.get $L) (i32.const 3))) (v128.load (i32.add (local.get $j) (i32.shl (local.get $sideL) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $copy (i32.lt_u (local.get $j) (local.get $q))))
      (local.set $count (i32.add (local.get $count) (local.get $sideCount)))
      (local.set $o (local.get $oEnd))
      (local.set $py (i32.add (local.get $py) (i32.const 1)))
      (br_if $pyLoop (i32.lt_u (local.get $py) (local.get $pairs))))
    (local.get $count))

  ;; table[m] at $table (16 × 16 bytes): the byte indices of the i32 lanes set in m, packed to the front
  ;; (the rest 255, which picks nothing), for i8x16.swizzle.
  (func $packingTable (param $table i32)
    (local $m i32) (local $lane i32) (local $byte i32)
    (loop $tableLoop
      (local.set $byte (i32.add (local.get $table) (i32.shl (local.get $m) (i32.const 4))))
      (i64.store (local.get $byte) (i64.const -1))
      (i64.store offset=8 (local.get $byte) (i64.const -1))
      (local.set $lane (i32.const 0))
      (loop $laneLoop
        (if (i32.and (local.get $m) (i32.shl (i32.const 1) (local.get $lane)))
          (then
            (i32.store (local.get $byte) (i32.add (i32.mul (local.get $lane) (i32.const 0x04040404)) (i32.const 0x03020100)))
            (local.set $byte (i32.add (local.get $byte) (i32.const 4)))))
        (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
        (br_if $laneLoop (i32.lt_u (local.get $lane) (i32.const 4))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $tableLoop (i32.lt_u (local.get $m) (i32.const 16)))))
)
