;; Full-batch perceptron training on f64x2 lanes. Memory layout, in bytes:
;;   0     w, the weights (up to 64, zero-padded to a multiple of 4 columns)
;;   512   g, the gradient of the current epoch
;;   1024  s, iRprop-'s step sizes
;;   1536  p, iRprop-'s previous gradient
;;   2048  and on, where the caller puts them: y, the targets; m, the row mask (1 for a real row, 0 for
;;   padding); z, the weighted sums, then the outputs; d, the deltas; x, the inputs in groups of four
;;   rows, each group stored column pair by column pair: [r0 c0 c1][r1 c0 c1][r2 c0 c1][r3 c0 c1][r0 c2 c3]...
(module
  (memory (export "memory") 1)
  ;; Updates made by the last call of train: its epochs, or fewer when the stop rule was met.
  (global $epochsDone (export "epochsDone") (mut i32) (i32.const 0))
  ;; Rows of the wrong class found by the last call of score.
  (global $wrongRows (export "wrongRows") (mut f64) (f64.const 0))

  ;; Constants of e^t (fdlibm's, as in V8's Math.exp). Mutable, so that the compiler loads them once
  ;; instead of rebuilding each from immediates inside the loop.
  (global $ONE (mut v128) (v128.const f64x2 1 1))
  (global $TWO (mut v128) (v128.const f64x2 2 2))
  (global $BOUND (mut v128) (v128.const f64x2 1000 1000))
  (global $INV_LN2 (mut v128) (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00))
  (global $LN2_HI (mut v128) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
  (global $LN2_LO (mut v128) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))
  (global $P1 (mut v128) (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01))
  (global $P2 (mut v128) (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03))
  (global $P3 (mut v128) (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05))
  (global $P4 (mut v128) (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06))
  (global $P5 (mut v128) (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))
  ;; Adding 1.5 * 2^52 to an integral k leaves k in the low bits; 1023 is the exponent bias.
  (global $MAGIC (mut v128) (v128.const f64x2 6755399441055744 6755399441055744))
  (global $BIAS (mut v128) (v128.const i64x2 1023 1023))

  ;; z = x . w for all rows, four rows at a time, two column pairs per step.
  (func $weigh (param $x i32) (param $z i32) (param $zEnd i32) (param $colBytes i32)
    (local $q i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $w0 v128) (local $w1 v128)
    (loop $rows
      (local.set $a0 (v128.const i64x2 0 0))
      (local.set $a1 (v128.const i64x2 0 0))
      (local.set $a2 (v128.const i64x2 0 0))
      (local.set $a3 (v128.const i64x2 0 0))
      (local.set $q (i32.const 0))
      (loop $dot
        (local.set $w0 (v128.load (local.get $q)))
        (local.set $w1 (v128.load offset=16 (local.get $q)))
        (local.set $a0 (f64x2.add (local.get $a0)
          (f64x2.add
            (f64x2.mul (v128.load (local.get $x)) (local.get $w0))
            (f64x2.mul (v128.load offset=64 (local.get $x)) (local.get $w1)))))
        (local.set $a1 (f64x2.add (local.get $a1)
          (f64x2.add
            (f64x2.mul (v128.load offset=16 (local.get $x)) (local.get $w0))
            (f64x2.mul (v128.load offset=80 (local.get $x)) (local.get $w1)))))
        (local.set $a2 (f64x2.add (local.get $a2)
          (f64x2.add
            (f64x2.mul (v128.load offset=32 (local.get $x)) (local.get $w0))
            (f64x2.mul (v128.load offset=96 (local.get $x)) (local.get $w1)))))
        (local.set $a3 (f64x2.add (local.get $a3)
          (f64x2.add
            (f64x2.mul (v128.load offset=48 (local.get $x)) (local.get $w0))
            (f64x2.mul (v128.load offset=112 (local.get $x)) (local.get $w1)))))
        (local.set $x (i32.add (local.get $x) (i32.const 128)))
        (br_if $dot (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 32))) (local.get $colBytes))))
      ;; each accumulator holds an even and an odd column sum: add them across, two rows per vector
      (v128.store (local.get $z)
        (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a0) (local.get $a1))))
      (v128.store offset=16 (local.get $z)
        (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a2) (local.get $a3))))
      (br_if $rows (i32.lt_u (local.tee $z (i32.add (local.get $z) (i32.const 32))) (local.get $zEnd)))))

  ;; The sigmoid 1 / (1 + e^-z) in place over [z, zEnd), two values at a time. e^t is computed as fdlibm
  ;; (and so V8's Math.exp) does: t = k ln2 + r with k ln2 taken in two parts, hi and lo, then
  ;; e^r = 1 - ((lo - r c / (2 - c)) - hi) with c a polynomial in r^2, and e^t = e^r 2^k.
  (func $sigmoid (param $z i32) (param $zEnd i32)
    (local $t v128) (local $k v128) (local $hi v128) (local $lo v128) (local $r v128) (local $rr v128)
    (local $c v128) (local $half v128)
    (local $one v128) (local $two v128) (local $bound v128) (local $invLn2 v128) (local $ln2Hi v128)
    (local $ln2Lo v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128) (local $p5 v128)
    (local $magic v128) (local $bias v128)
    (local.set $one (global.get $ONE))
    (local.set $two (global.get $TWO))
    (local.set $bound (global.get $BOUND))
    (local.set $invLn2 (global.get $INV_LN2))
    (local.set $ln2Hi (global.get $LN2_HI))
    (local.set $ln2Lo (global.get $LN2_LO))
    (local.set $p1 (global.get $P1))
    (local.set $p2 (global.get $P2))
    (local.set $p3 (global.get $P3))
    (local.set $p4 (global.get $P4))
    (local.set $p5 (global.get $P5))
    (local.set $magic (global.get $MAGIC))
    (local.set $bias (global.get $BIAS))
    (loop $pairs
      ;; beyond 1000 in size e^t is already 0 or Infinity; the clamp keeps k in range
      (local.set $t
        (f64x2.pmax
          (f64x2.pmin (f64x2.neg (v128.load (local.get $z))) (local.get $bound))
          (f64x2.neg (local.get $bound))))
      (local.set $k (f64x2.nearest (f64x2.mul (local.get $t) (local.get $invLn2))))
      (local.set $hi (f64x2.sub (local.get $t) (f64x2.mul (local.get $k) (local.get $ln2Hi))))
      (local.set $lo (f64x2.mul (local.get $k) (local.get $ln2Lo)))
      (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
      (local.set $rr (f64x2.mul (local.get $r) (local.get $r)))
      (local.set $c
        (f64x2.sub (local.get $r)
          (f64x2.mul (local.get $rr)
            (f64x2.add (local.get $p1)
              (f64x2.mul (local.get $rr)
                (f64x2.add (local.get $p2)
                  (f64x2.mul (local.get $rr)
                    (f64x2.add (local.get $p3)
                      (f64x2.mul (local.get $rr)
                        (f64x2.add (local.get $p4) (f64x2.mul (local.get $rr) (local.get $p5))))))))))))
      (local.set $r
        (f64x2.sub (local.get $one)
          (f64x2.sub
            (f64x2.sub (local.get $lo)
              (f64x2.div
                (f64x2.mul (local.get $r) (local.get $c))
                (f64x2.sub (local.get $two) (local.get $c))))
            (local.get $hi))))
      ;; 2^k in two halves, so that neither leaves the normal exponent range
      (local.set $half (f64x2.floor (f64x2.mul (local.get $k) (v128.const f64x2 0.5 0.5))))
      (local.set $r
        (f64x2.mul
          (f64x2.mul (local.get $r)
            (i64x2.shl (i64x2.add (f64x2.add (local.get $half) (local.get $magic)) (local.get $bias))
              (i32.const 52)))
          (i64x2.shl
            (i64x2.add (f64x2.add (f64x2.sub (local.get $k) (local.get $half)) (local.get $magic))
              (local.get $bias))
            (i32.const 52))))
      (v128.store (local.get $z) (f64x2.div (local.get $one) (f64x2.add (local.get $one) (local.get $r))))
      (br_if $pairs (i32.lt_u (local.tee $z (i32.add (local.get $z) (i32.const 16))) (local.get $zEnd)))))

  ;; The step function z > 0 ? 1 : 0 in place over [z, zEnd).
  (func $threshold (param $z i32) (param $zEnd i32)
    (loop $pairs
      (v128.store (local.get $z)
        (v128.and (f64x2.gt (v128.load (local.get $z)) (v128.const i64x2 0 0)) (v128.const f64x2 1 1)))
      (br_if $pairs (i32.lt_u (local.tee $z (i32.add (local.get $z) (i32.const 16))) (local.get $zEnd)))))

  ;; Deltas (at d) of the outputs over [out, outEnd); returns the sum of squared errors, masked by m.
  (func $deltas (param $out i32) (param $outEnd i32) (param $d i32) (param $y i32) (param $m i32)
    (param $step i32) (result f64)
    (local $o v128) (local $err v128) (local $sse v128)
    (loop $pairs
      (local.set $o (v128.load (local.get $out)))
      (local.set $err (f64x2.mul (f64x2.sub (v128.load (local.get $y)) (local.get $o)) (v128.load (local.get $m))))
      (local.set $sse (f64x2.add (local.get $sse) (f64x2.mul (local.get $err) (local.get $err))))
      (if (i32.eqz (local.get $step))
        (then
          (local.set $err
            (f64x2.mul
              (f64x2.mul (local.get $err) (local.get $o))
              (f64x2.sub (v128.const f64x2 1 1) (local.get $o))))))
      (v128.store (local.get $d) (local.get $err))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $pairs (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 16))) (local.get $outEnd))))
    (f64.add (f64x2.extract_lane 0 (local.get $sse)) (f64x2.extract_lane 1 (local.get $sse))))

  ;; g = the sum over rows of delta_r x_r, four rows at a time.
  (func $gradient (param $x i32) (param $d i32) (param $dEnd i32) (param $colBytes i32)
    (local $q i32) (local $gEnd i32) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $gEnd (i32.add (i32.const 512) (local.get $colBytes)))
    (local.set $q (i32.const 512))
    (loop $zero
      (v128.store (local.get $q) (v128.const i64x2 0 0))
      (br_if $zero (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $gEnd))))
    (loop $rows
      (local.set $d0 (v128.load64_splat (local.get $d)))
      (local.set $d1 (v128.load64_splat offset=8 (local.get $d)))
      (local.set $d2 (v128.load64_splat offset=16 (local.get $d)))
      (local.set $d3 (v128.load64_splat offset=24 (local.get $d)))
      (local.set $q (i32.const 512))
      (loop $columns
        (v128.store (local.get $q)
          (f64x2.add (v128.load (local.get $q))
            (f64x2.add
              (f64x2.add
                (f64x2.mul (v128.load (local.get $x)) (local.get $d0))
                (f64x2.mul (v128.load offset=16 (local.get $x)) (local.get $d1)))
              (f64x2.add
                (f64x2.mul (v128.load offset=32 (local.get $x)) (local.get $d2))
                (f64x2.mul (v128.load offset=48 (local.get $x)) (local.get $d3))))))
        (v128.store offset=16 (local.get $q)
          (f64x2.add (v128.load offset=16 (local.get $q))
            (f64x2.add
              (f64x2.add
                (f64x2.mul (v128.load offset=64 (local.get $x)) (local.get $d0))
                (f64x2.mul (v128.load offset=80 (local.get $x)) (local.get $d1)))
              (f64x2.add
                (f64x2.mul (v128.load offset=96 (local.get $x)) (local.get $d2))
                (f64x2.mul (v128.load offset=112 (local.get $x)) (local.get $d3))))))
        (local.set $x (i32.add (local.get $x) (i32.const 128)))
        (br_if $columns (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 32))) (local.get $gEnd))))
      (br_if $rows (i32.lt_u (local.tee $d (i32.add (local.get $d) (i32.const 32))) (local.get $dEnd)))))

  ;; Rows whose output is on the other side of 0.5 than their target, masked by m.
  (func $wrong (param $out i32) (param $outEnd i32) (param $y i32) (param $m i32) (result f64)
    (local $diff v128) (local $count v128)
    (loop $pairs
      (local.set $diff
        (f64x2.sub
          (v128.and (f64x2.ge (v128.load (local.get $out)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1 1))
          (v128.and (f64x2.ge (v128.load (local.get $y)) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1 1))))
      (local.set $count
        (f64x2.add (local.get $count)
          (f64x2.mul (f64x2.mul (local.get $diff) (local.get $diff)) (v128.load (local.get $m)))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (br_if $pairs (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 16))) (local.get $outEnd))))
    (f64.add (f64x2.extract_lane 0 (local.get $count)) (f64x2.extract_lane 1 (local.get $count))))

  ;; iRprop-: each step grows 1.2x (at most 50) while g keeps its sign and halves (at least 1e-6) when it
  ;; flips, and then g counts as 0; w moves by its step in the direction of g, which becomes p.
  (func $rprop (param $colBytes i32)
    (local $q i32) (local $g v128) (local $s v128) (local $product v128) (local $up v128) (local $down v128)
    (loop $pairs
      (local.set $g (v128.load offset=512 (local.get $q)))
      (local.set $s (v128.load offset=1024 (local.get $q)))
      (local.set $product (f64x2.mul (local.get $g) (v128.load offset=1536 (local.get $q))))
      (local.set $up (f64x2.gt (local.get $product) (v128.const i64x2 0 0)))
      (local.set $down (f64x2.lt (local.get $product) (v128.const i64x2 0 0)))
      (local.set $s
        (v128.bitselect
          (f64x2.pmin (f64x2.mul (local.get $s) (v128.const f64x2 1.2 1.2)) (v128.const f64x2 50 50))
          (v128.bitselect
            (f64x2.pmax (f64x2.mul (local.get $s) (v128.const f64x2 0.5 0.5)) (v128.const f64x2 1e-6 1e-6))
            (local.get $s)
            (local.get $down))
          (local.get $up)))
      (local.set $g (v128.andnot (local.get $g) (local.get $down)))
      ;; the step with g's sign (s > 0, so or-ing in the sign bit is exact), none where g is 0 or NaN
      (v128.store (local.get $q)
        (f64x2.add (v128.load (local.get $q))
          (v128.and
            (v128.or (local.get $s) (v128.and (local.get $g) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
            (v128.or (f64x2.gt (local.get $g) (v128.const i64x2 0 0)) (f64x2.lt (local.get $g) (v128.const i64x2 0 0))))))
      (v128.store offset=1024 (local.get $q) (local.get $s))
      (v128.store offset=1536 (local.get $q) (local.get $g))
      (br_if $pairs (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $colBytes)))))

  ;; The sum of squared errors of the weights at w on the rows, without an update; sets $wrongRows.
  ;; The genetic algorithm's fitness: the caller puts each individual at w in turn.
  (func (export "score")
    (param $x i32) (param $y i32) (param $m i32) (param $z i32) (param $d i32) (param $rowBytes i32)
    (param $colBytes i32) (param $step i32) (result f64)
    (local $zEnd i32) (local $sse f64)
    (local.set $zEnd (i32.add (local.get $z) (local.get $rowBytes)))
    (call $weigh (local.get $x) (local.get $z) (local.get $zEnd) (local.get $colBytes))
    (if (local.get $step)
      (then (call $threshold (local.get $z) (local.get $zEnd)))
      (else (call $sigmoid (local.get $z) (local.get $zEnd))))
    (local.set $sse
      (call $deltas (local.get $z) (local.get $zEnd) (local.get $d) (local.get $y) (local.get $m) (local.get $step)))
    (global.set $wrongRows (call $wrong (local.get $z) (local.get $zEnd) (local.get $y) (local.get $m)))
    (local.get $sse))

  ;; Runs epochs (at least 1) full-batch updates, w += lr g or iRprop- ($rprop 1); returns the sum of
  ;; squared errors of the last epoch. Stops before an epoch's update when $stop has bit 1 and the sum
  ;; of squared errors is at most $stopSse, or has bit 2 and no row has the wrong class; $epochsDone counts
  ;; the updates made. rowBytes: 8 * rows, rows padded to a multiple of 4 with masked zero rows;
  ;; colBytes: 8 * columns, padded with zero columns to a multiple of 4.
  (func (export "train")
    (param $x i32) (param $y i32) (param $m i32) (param $z i32) (param $d i32) (param $rowBytes i32)
    (param $colBytes i32) (param $lr f64) (param $epochs i32) (param $step i32) (param $rprop i32)
    (param $stop i32) (param $stopSse f64) (result f64)
    (local $q i32) (local $sse f64) (local $zEnd i32) (local $done i32)
    (local.set $zEnd (i32.add (local.get $z) (local.get $rowBytes)))
    (block $stopped
      (loop $epoch
        (call $weigh (local.get $x) (local.get $z) (local.get $zEnd) (local.get $colBytes))
        (if (local.get $step)
          (then (call $threshold (local.get $z) (local.get $zEnd)))
          (else (call $sigmoid (local.get $z) (local.get $zEnd))))
        (local.set $sse
          (call $deltas (local.get $z) (local.get $zEnd) (local.get $d) (local.get $y) (local.get $m) (local.get $step)))
        (br_if $stopped (i32.and (local.get $stop) (f64.le (local.get $sse) (local.get $stopSse))))
        (if (i32.and (local.get $stop) (i32.const 2))
          (then
            (br_if $stopped
              (f64.eq (call $wrong (local.get $z) (local.get $zEnd) (local.get $y) (local.get $m)) (f64.const 0)))))
        (call $gradient (local.get $x) (local.get $d) (i32.add (local.get $d) (local.get $rowBytes)) (local.get $colBytes))
        (if (local.get $rprop)
          (then (call $rprop (local.get $colBytes)))
          (else
            (local.set $q (i32.const 0))
            (loop $update
              (v128.store (local.get $q)
                (f64x2.add (v128.load (local.get $q))
                  (f64x2.mul (f64x2.splat (local.get $lr)) (v128.load offset=512 (local.get $q)))))
              (br_if $update (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $colBytes))))))
        (local.set $done (i32.add (local.get $done) (i32.const 1)))
        (br_if $epoch (i32.lt_u (local.get $done) (local.get $epochs)))))
    (global.set $epochsDone (local.get $done))
    (local.get $sse)))
