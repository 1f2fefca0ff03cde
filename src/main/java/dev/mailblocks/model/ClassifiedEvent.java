package dev.mailblocks.model;

/** A delivery event with its classification ({@code null} for delivered events). */
public record ClassifiedEvent(DeliveryEvent event, Classification classification) {
}
