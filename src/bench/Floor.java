/** The start-up floor (floor.sh): a main that prints one line, started as coursekit is, from coursekit's class cache. */
public class Floor {
    public static void main(String[] args) {
        System.out.println("floor");
    }
}
