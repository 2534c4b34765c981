package org.mmkgrec.e2e.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Small seeded data sets for the kill tests, written into the test's temporary directory: enough
 * records for a few hundred batches of five, few enough to load in a second or two.
 */
final class KillFixtures {
    static final int USERS = 30;
    static final int ITEMS = 48;
    static final int GENRES = 8;
    static final int PEOPLE = 20;

    private KillFixtures() {}

    /**
     * RecBole atomic files {@code toy.inter}, {@code toy.item}, {@code toy.user} and the KG of the
     * even-numbered films as {@code toy.kg} and {@code toy.link} (all tab-separated).
     */
    static Path recBole(Path dir, long seed) {
        Random random = new Random(seed);
        StringBuilder inter = new StringBuilder("user_id:token\titem_id:token\trating:float\ttimestamp:float\n");
        long time = 1_000_000;
        for (int u = 1; u <= USERS; u++) {
            List<Integer> items = shuffledItems(random);
            for (int item : items.subList(0, 6 + random.nextInt(9))) {
                inter.append(String.format("u%02d\t%d\t%d\t%d%n", u, item, 1 + random.nextInt(5), time += 1 + random.nextInt(50)));
            }
        }
        StringBuilder item = new StringBuilder("item_id:token\tmovie_title:token_seq\n");
        for (int i = 1; i <= ITEMS; i++) {
            item.append(i).append("\tFilm ").append(i).append('\n');
        }
        StringBuilder user = new StringBuilder("user_id:token\tage:token\n");
        for (int u = 1; u <= USERS; u++) {
            user.append(String.format("u%02d\t%d%n", u, 18 + random.nextInt(50)));
        }
        StringBuilder kg = new StringBuilder("head_id:token\trelation_id:token\ttail_id:token\n");
        StringBuilder link = new StringBuilder("item_id:token\tentity_id:token\n");
        for (int i = 2; i <= ITEMS; i += 2) {
            link.append(i).append("\tm.").append(i).append('\n');
            kg.append("m.").append(i).append("\tfilm.genre\tg.").append(i % GENRES).append('\n');
            int director = random.nextInt(PEOPLE);
            int actor = (director + 1 + random.nextInt(PEOPLE - 1)) % PEOPLE;
            kg.append("m.").append(i).append("\tfilm.director\tp.").append(director).append('\n');
            kg.append("m.").append(i).append("\tfilm.actor\tp.").append(actor).append('\n');
        }
        for (int p = 0; p < PEOPLE; p++) {
            kg.append("p.").append(p).append("\tpeople.nationality\tc.").append(p % 3).append('\n');
        }
        write(dir.resolve("toy.inter"), inter);
        write(dir.resolve("toy.item"), item);
        write(dir.resolve("toy.user"), user);
        write(dir.resolve("toy.kg"), kg);
        write(dir.resolve("toy.link"), link);
        return dir;
    }

    /**
     * The KG of the odd-numbered films in Turtle, full of blank nodes: each film's credit is an
     * unlabelled node ({@code [ ex:role ..; ex:person _:pN ]}), the people are labelled blank nodes
     * shared by several films, each with an unlabelled birthplace; films link to items through the
     * item predicate.
     */
    static Path turtle(Path file, long seed) {
        Random random = new Random(seed);
        StringBuilder ttl = new StringBuilder("""
                @prefix ex: <http://ex.org/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                """);
        for (int i = 1; i <= ITEMS; i += 2) {
            ttl.append(String.format("<http://ex.org/film/%d> <urn:mmkg:item> \"%d\" ; rdfs:label \"Film %d\" ;%n", i, i, i));
            ttl.append(String.format("    ex:genre ex:g%d ; ex:year %d ;%n", i % GENRES, 1950 + random.nextInt(70)));
            ttl.append(String.format("    ex:credit [ ex:role ex:%s ; ex:person _:p%d ] .%n",
                    random.nextBoolean() ? "director" : "actor", random.nextInt(PEOPLE)));
        }
        for (int p = 0; p < PEOPLE; p++) {
            ttl.append(String.format("_:p%d rdfs:label \"Person %d\" ; ex:bornIn [ ex:country ex:c%d ] .%n", p, p, p % 3));
        }
        write(file, ttl);
        return file;
    }

    private static List<Integer> shuffledItems(Random random) {
        List<Integer> items = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            items.add(i);
        }
        Collections.shuffle(items, random);
        return items;
    }

    private static void write(Path file, CharSequence text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture " + file, e);
        }
    }
}
