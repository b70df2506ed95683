package io.github.driftclaims.cli;
public final class Main { public static void main(String[] a) throws Exception {
  try (var m = ai.djl.ndarray.NDManager.newBaseManager()) { System.out.println(m.create(new float[]{1,2}).sum()); System.out.println(ai.djl.engine.Engine.getInstance().getVersion()); } } }
