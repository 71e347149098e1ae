;; MinHash slots over 32-bit values, four values at a time (WebAssembly SIMD).
;; Memory: [seeds at `seeds`: one u32 per slot] [values at `values`: n u32, n a multiple of 4]
;; [out at `out`: one u32 per slot]. For each slot i in [first, first + slots):
;;   out[i] = min over values v of fmix32(v ^ seeds[i])   (unsigned; 0xffffffff when n = 0)
;; where fmix32 is the murmur3 finaliser: h ^= h >>> 16; h *= 0x85ebca6b; h ^= h >>> 13;
;; h *= 0xc2b2ae35; h ^= h >>> 16. Padding with a copy of a value leaves every minimum as it is.
(module
  (memory (export "memory") 1)
  (func (export "minhash")
    (param $seeds i32) (param $values i32) (param $n i32)
    (param $out i32) (param $first i32) (param $slots i32)
    (local $i i32) (local $end i32) (local $j i32) (local $stop i32)
    (local $seed v128) (local $h v128) (local $min v128) (local $m i32) (local $lane i32)
    (local.set $i (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $slots)))
    (local.set $stop (i32.add (local.get $values) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $slot
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $seed
          (i32x4.splat (i32.load (i32.add (local.get $seeds) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $min (v128.const i32x4 -1 -1 -1 -1))
        (local.set $j (local.get $values))
        (block $last
          (loop $value
            (br_if $last (i32.ge_u (local.get $j) (local.get $stop)))
            (local.set $h (v128.xor (v128.load (local.get $j)) (local.get $seed)))
            (local.set $h (i32x4.mul (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16)))
                                     (v128.const i32x4 0x85ebca6b 0x85ebca6b 0x85ebca6b 0x85ebca6b)))
            (local.set $h (i32x4.mul (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13)))
                                     (v128.const i32x4 0xc2b2ae35 0xc2b2ae35 0xc2b2ae35 0xc2b2ae35)))
            (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
            (local.set $min (i32x4.min_u (local.get $min) (local.get $h)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $value)))
        ;; The least of the four lanes, unsigned.
        (local.set $m (i32x4.extract_lane 0 (local.get $min)))
        (local.set $lane (i32x4.extract_lane 1 (local.get $min)))
        (if (i32.lt_u (local.get $lane) (local.get $m)) (then (local.set $m (local.get $lane))))
        (local.set $lane (i32x4.extract_lane 2 (local.get $min)))
        (if (i32.lt_u (local.get $lane) (local.get $m)) (then (local.set $m (local.get $lane))))
        (local.set $lane (i32x4.extract_lane 3 (local.get $min)))
        (if (i32.lt_u (local.get $lane) (local.get $m)) (then (local.set $m (local.get $lane))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $m))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $slot)))))
