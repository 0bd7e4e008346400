//! Read-aloud: plays a form's recorded audio (`media::audio`) for children who cannot read.
//!
//! The recording comes from the encrypted database and is decoded in memory: nothing is written
//! to disk. One recording plays at a time; a new one stops the last. A device without a sound
//! output (or a file that cannot be decoded) is an error the caller shows in the child's
//! language, never a crash.

use std::io::Cursor;

use rodio::{Decoder, OutputStream, OutputStreamHandle, Sink, Source};

/// Why a recording could not be played.
#[derive(Debug, PartialEq, Eq)]
pub enum AudioError {
    /// The device has no sound output (or it could not be opened).
    NoSound,
    /// The file is not a recording Cercle can play (mp3, wav, ogg, flac).
    Unreadable,
}

/// Checks that `bytes` hold a recording Cercle can play, and returns its length in seconds
/// when the format says it.
pub fn check(bytes: &[u8]) -> Result<Option<f32>, AudioError> {
    let decoder = Decoder::new(Cursor::new(bytes.to_vec())).map_err(|_| AudioError::Unreadable)?;
    Ok(decoder.total_duration().map(|d| d.as_secs_f32()))
}

/// The speaker, opened on first use and kept while the app runs.
#[derive(Default)]
pub struct Player {
    output: Option<(OutputStream, OutputStreamHandle)>,
    playing: Option<Sink>,
}

impl Player {
    /// Plays `bytes`, stopping whatever was playing.
    pub fn play(&mut self, bytes: Vec<u8>) -> Result<(), AudioError> {
        let decoder = Decoder::new(Cursor::new(bytes)).map_err(|_| AudioError::Unreadable)?;
        if let Some(sink) = self.playing.take() {
            sink.stop();
        }
        if self.output.is_none() {
            self.output = Some(OutputStream::try_default().map_err(|_| AudioError::NoSound)?);
        }
        let (_, handle) = self.output.as_ref().expect("opened above");
        let sink = Sink::try_new(handle).map_err(|_| AudioError::NoSound)?;
        sink.append(decoder);
        self.playing = Some(sink);
        Ok(())
    }

    /// Stops the recording playing, if any (the child moved on).
    pub fn stop(&mut self) {
        if let Some(sink) = self.playing.take() {
            sink.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 0.25 s 440 Hz tone, 16-bit mono WAV (also used by the UI tests).
    const TONE: &[u8] = include_bytes!("../../tests/forms/audio/tone.wav");

    #[test]
    fn a_recording_is_decoded_and_a_broken_one_refused() {
        let seconds = check(TONE).unwrap().unwrap();
        assert!((seconds - 0.25).abs() < 0.01, "{seconds}");
        assert_eq!(check(b"not a recording"), Err(AudioError::Unreadable));
        let mut player = Player::default();
        assert_eq!(player.play(b"RIFF....".to_vec()), Err(AudioError::Unreadable), "checked before the speaker");
        // On a machine with a speaker it plays; on a build server it says there is none.
        match player.play(TONE.to_vec()) {
            Ok(()) | Err(AudioError::NoSound) => {}
            Err(e) => panic!("{e:?}"),
        }
        player.stop();
    }
}
